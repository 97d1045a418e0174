package dev.governor.simulation.cli;

import dev.governor.simulation.Knob;
import dev.governor.simulation.PolicyRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code policies}: the registered policies, how each takes its parameters from the scenario, and its knobs. */
@Command(name = "policies", mixinStandardHelpOptions = true,
    description = "List the registered policies, their natural parameters and the knobs tune searches.")
final class PoliciesCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    for (PolicyRegistry.Entry e : PolicyRegistry.standard().entries()) {
      out.println(e.name());
      out.println("    " + e.description());
      for (Knob k : e.knobs()) {
        out.println("    tune " + k.name() + " " + k.values() + ": " + k.description());
      }
    }
    out.flush();
    return 0;
  }
}
