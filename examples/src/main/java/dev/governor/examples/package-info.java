/** Runnable scenarios and embedding examples. */
package dev.governor.examples;
