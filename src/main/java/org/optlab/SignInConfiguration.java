package org.optlab;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientProperties;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientPropertiesMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Optional sign-in through a university's OpenID Connect provider ({@code optlab.sign-in.enabled=true} and one
 * {@code spring.security.oauth2.client.registration.*} with its provider's {@code issuer-uri}; README, "Sign-in
 * (optional)"). Every page, a shared link's too, then needs a signed-in user; Vaadin's own requests are handled by
 * Vaadin's {@link VaadinSecurityConfigurer} (CSRF left to Vaadin's own token, the page asked for kept across the login,
 * views checked by Vaadin's navigation access control); {@code /actuator/health} stays open for the load balancer. The
 * response headers stay {@link SecurityHeaders}' alone (Spring Security's would add {@code X-Frame-Options: DENY}
 * against {@code optlab.frame-ancestors}).
 *
 * <p>Off (the default), none of this exists: {@link OptLabApplication} leaves Spring Security's auto-configuration out,
 * so there is no security filter, no login page, and requests and responses are as without Spring Security.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "optlab.sign-in.enabled", havingValue = "true")
@EnableWebSecurity
@EnableConfigurationProperties(OAuth2ClientProperties.class)
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
public class SignInConfiguration {

    /** The one provider of {@code spring.security.oauth2.client.*}; its issuer's discovery document is read at start. */
    @Bean
    ClientRegistrationRepository clientRegistrations(OAuth2ClientProperties properties) {
        List<ClientRegistration> registrations = List.copyOf(
                new OAuth2ClientPropertiesMapper(properties).asClientRegistrations().values());
        if (registrations.size() != 1) {
            throw new IllegalStateException("optlab.sign-in.enabled=true needs exactly one provider in"
                    + " spring.security.oauth2.client.registration.*, found " + registrations.size());
        }
        return new InMemoryClientRegistrationRepository(registrations);
    }

    @Bean
    SecurityFilterChain signIn(HttpSecurity http, ClientRegistrationRepository registrations) throws Exception {
        String registration = ((InMemoryClientRegistrationRepository) registrations).iterator().next()
                .getRegistrationId();
        http.headers(headers -> headers.disable())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher("/actuator/health/**"))
                        .permitAll())
                .with(VaadinSecurityConfigurer.vaadin(),
                        vaadin -> vaadin.oauth2LoginPage("/oauth2/authorization/" + registration));
        return http.build();
    }
}
