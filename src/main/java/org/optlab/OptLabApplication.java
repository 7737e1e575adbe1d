package org.optlab;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import java.util.Arrays;
import org.optlab.experiment.EngineBenchmark;
import org.optlab.experiment.HeadlessRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * OptLab's entry point: {@code java -jar optlab.jar} starts the web lab; {@code java -jar optlab.jar run EXPERIMENT.json}
 * runs an experiment headless, without starting the web server; {@code java -jar optlab.jar bench} measures the engine.
 */
@SpringBootApplication(exclude = {
        // Spring Security is on the class path for the optional sign-in; its auto-configuration would otherwise secure
        // every request with a generated password (and its actuator part likewise). SignInConfiguration sets up what
        // sign-in needs, and only when optlab.sign-in.enabled=true; off, no security filter exists at all.
        org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration.class,
        org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration.class,
        org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientAutoConfiguration.class,
        org.springframework.boot.autoconfigure.security.oauth2.client.servlet.OAuth2ClientWebSecurityAutoConfiguration.class,
        org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration.class})
@Push
public class OptLabApplication implements AppShellConfigurator {

    @Override
    public void configurePage(com.vaadin.flow.server.AppShellSettings settings) {
        settings.addFavIcon("icon", "icons/favicon.svg", "32x32");
        settings.addMetaTag("description", "OptLab: the optimizers of Deep Learning, chapter 8, side by side, live");
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("run")) {
            HeadlessRunner.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("bench")) {
            EngineBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(OptLabApplication.class, args);
    }
}
