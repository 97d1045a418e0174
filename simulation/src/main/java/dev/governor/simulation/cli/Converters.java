package dev.governor.simulation.cli;

import dev.governor.fleet.BillingModel;
import dev.governor.simulation.Dispatch;
import dev.governor.simulation.ServiceDistribution;
import dev.governor.simulation.trace.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parsers for option values; each error names the rule and the value. */
final class Converters {
  private Converters() {}

  /**
   * {@code 30s}, {@code 2m}, {@code 1h}, {@code 1d}, {@code 500ms}, {@code 1.5h} or ISO {@code PT30S}.
   * A number without a unit is refused: {@code --deadline 5} could mean seconds or minutes.
   */
  static Duration duration(String s) {
    String v = s.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("pt") || v.startsWith("p")) {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      }
      double unit;
      String num;
      if (v.endsWith("ms")) {
        unit = 0.001;
        num = v.substring(0, v.length() - 2);
      } else if (v.endsWith("s")) {
        unit = 1;
        num = v.substring(0, v.length() - 1);
      } else if (v.endsWith("m")) {
        unit = 60;
        num = v.substring(0, v.length() - 1);
      } else if (v.endsWith("h")) {
        unit = 3600;
        num = v.substring(0, v.length() - 1);
      } else if (v.endsWith("d")) {
        unit = 86400;
        num = v.substring(0, v.length() - 1);
      } else {
        throw new TypeConversionException("duration needs a unit (ms, s, m, h or d; e.g. 30s, 2m or PT30S), but was '"
            + s + "'");
      }
      double secs = Double.parseDouble(num.trim()) * unit;
      if (!Double.isFinite(secs) || secs < 0) {
        throw new TypeConversionException("duration must be >= 0, but was '" + s + "'");
      }
      return Duration.ofNanos(Math.round(secs * 1e9));
    } catch (RuntimeException e) {
      if (e instanceof TypeConversionException t) {
        throw t;
      }
      throw new TypeConversionException("duration must look like 30s, 2m, 1h, 500ms or PT30S, but was '" + s + "'");
    }
  }

  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return duration(value);
    }
  }

  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      Instant t = Timestamps.parse(value.trim());
      if (t == null) {
        throw new TypeConversionException("timestamp must be ISO-8601 (e.g. 1995-07-14T00:00:00Z) or epoch seconds, but was '"
            + value + "'");
      }
      return t;
    }
  }

  static final class BillingConverter implements ITypeConverter<BillingModel> {
    @Override
    public BillingModel convert(String value) {
      try {
        return BillingModel.named(value.trim().toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class DispatchConverter implements ITypeConverter<Dispatch> {
    @Override
    public Dispatch convert(String value) {
      try {
        return Dispatch.named(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class ServiceDistributionConverter implements ITypeConverter<ServiceDistribution> {
    @Override
    public ServiceDistribution convert(String value) {
      try {
        return ServiceDistribution.named(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
