/** Trace replay through the real engine, with a discrete-event model of queues, fleet and billing. */
package dev.governor.simulation;
