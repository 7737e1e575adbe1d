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
@SpringBootApplication
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
