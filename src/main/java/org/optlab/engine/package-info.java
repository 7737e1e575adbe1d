/**
 * The optimization engine: the lecture's Algorithms 8.1&ndash;8.8 (and a damped Newton method), the objectives they minimise,
 * learning-rate schedules and the trainer that runs one optimizer on one problem.
 *
 * <p>This package depends on the JDK and EJML only: no Spring, no Vaadin, no Jackson (an ArchUnit test holds the line).
 * Hot paths work on {@code double[]} with plain loops and allocate nothing per step.
 */
package org.optlab.engine;
