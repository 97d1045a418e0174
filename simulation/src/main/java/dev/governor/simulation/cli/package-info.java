/**
 * The {@code governor-sim} command line ({@link dev.governor.simulation.cli.Main}), a thin layer over
 * the simulation API: {@code run} replays traces through policies, {@code compare} runs every policy
 * with paired differences against a baseline, {@code tune} picks each policy's knob setting on a
 * training window and reports it on a test window, {@code bench} runs the equal-SLO benchmark,
 * {@code faults} replays under each fault of the catalogue, and {@code policies} lists the
 * registered policies and their knobs. Reports go to stdout (table, JSON or CSV), progress and logs
 * to stderr; {@code --report DIR} also writes the HTML report. Only {@code Main} is public.
 */
package dev.governor.simulation.cli;
