package org.optlab.engine.function;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The catalogue of 2-D test functions by id. */
public final class TestFunctions {

    private static final Map<String, Supplier<TestFunction>> BY_ID = Map.ofEntries(
            Map.entry("quadratic", Quadratic::standard),
            Map.entry("rosenbrock", Rosenbrock::new),
            Map.entry("beale", Beale::new),
            Map.entry("booth", Booth::new),
            Map.entry("himmelblau", Himmelblau::new),
            Map.entry("rastrigin", Rastrigin::new),
            Map.entry("saddle", Saddle::new),
            Map.entry("bounded-saddle", BoundedSaddle::new),
            Map.entry("cliff", Cliff::new),
            Map.entry("plateau", Plateau::new),
            Map.entry("monkey-saddle", MonkeySaddle::new),
            Map.entry("six-hump-camel", SixHumpCamel::new),
            Map.entry("goldstein-price", GoldsteinPrice::new));

    /** Every id, in the order a menu shows them. */
    public static final List<String> IDS = List.of("quadratic", "rosenbrock", "beale", "booth", "himmelblau", "rastrigin",
            "saddle", "bounded-saddle", "cliff", "plateau", "monkey-saddle", "six-hump-camel", "goldstein-price");

    private TestFunctions() {
    }

    /** A new instance of the function with that id (quadratic: the default A = diag(1, 10), b = 0), or null. */
    public static TestFunction byId(String id) {
        Supplier<TestFunction> s = BY_ID.get(id);
        return s == null ? null : s.get();
    }
}
