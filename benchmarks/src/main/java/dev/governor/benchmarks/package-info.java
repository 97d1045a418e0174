/** JMH benchmarks. */
package dev.governor.benchmarks;
