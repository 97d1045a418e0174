/**
 * Recorded and generated load for the simulator: a {@link dev.governor.simulation.trace.Trace} is
 * a replayable stream of {@link dev.governor.simulation.trace.TraceRow}s (jobs of a class arriving
 * within an interval, or one recorded job), read by a streaming
 * {@link dev.governor.simulation.trace.TraceReader}. CSV traces (the formats are described on
 * {@link dev.governor.simulation.trace.Trace}) are read from files, streams or the traces bundled
 * in the jar, plain or gzip; a bad line fails with a
 * {@link dev.governor.simulation.trace.TraceFormatException} naming the file, the line and the
 * reason. {@link dev.governor.simulation.trace.Synthetic} generates constant, Poisson, weekly and
 * bursty load behind the same interface.
 */
package dev.governor.simulation.trace;
