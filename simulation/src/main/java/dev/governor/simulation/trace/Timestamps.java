package dev.governor.simulation.trace;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses trace timestamps (also used for scenario files and command-line instants): ISO-8601
 * instants, date-times with an offset, local date-times (read as UTC), dates, or epoch seconds.
 * Stateless and thread-safe.
 */
public final class Timestamps {
  private Timestamps() {}

  /**
   * Parses one timestamp. Accepted forms, tried in this order:
   * <ul>
   *   <li>epoch seconds: starts with a digit and has no {@code -} or {@code :}, e.g.
   *       {@code 804571200} or {@code 804571200.5} (fractions to the nanosecond);
   *   <li>an ISO-8601 instant, e.g. {@code 1995-07-01T04:00:00Z} (fractional seconds allowed);
   *   <li>a date-time with an offset, e.g. {@code 1995-07-01T06:00:00+02:00};
   *   <li>a local date-time, read as UTC, with {@code T} or a space between date and time, e.g.
   *       {@code 1995-07-01 04:00:00};
   *   <li>a date, meaning its midnight UTC, e.g. {@code 1995-07-01}.
   * </ul>
   * The string is not trimmed.
   *
   * @param s the text of the timestamp (not null)
   * @return the instant, or {@code null} if {@code s} is none of these forms (or an infinite or NaN
   *     number of seconds)
   * @throws NullPointerException if {@code s} is null
   */
  public static Instant parse(String s) {
    Instant fast = parseUtcSeconds(s);
    if (fast != null) {
      return fast;
    }
    if (s.isEmpty()) {
      return null;
    }
    char c0 = s.charAt(0);
    if ((c0 >= '0' && c0 <= '9') && s.indexOf('-') < 0 && s.indexOf(':') < 0) {
      try {
        double secs = Double.parseDouble(s);
        if (!Double.isFinite(secs)) {
          return null;
        }
        long whole = (long) Math.floor(secs);
        return Instant.ofEpochSecond(whole, Math.round((secs - whole) * 1e9));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      return null;
    }
  }

  /** Fast path for {@code yyyy-MM-ddTHH:mm:ssZ}, the form of every bundled trace. */
  private static Instant parseUtcSeconds(String s) {
    if (s.length() != 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':' || s.charAt(19) != 'Z') {
      return null;
    }
    int y = digits(s, 0, 4);
    int mo = digits(s, 5, 7);
    int d = digits(s, 8, 10);
    int h = digits(s, 11, 13);
    int mi = digits(s, 14, 16);
    int se = digits(s, 17, 19);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59
        || se < 0 || se > 59) {
      return null;
    }
    long days = epochDay(y, mo, d);
    return Instant.ofEpochSecond(days * 86400L + h * 3600L + mi * 60L + se);
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static int daysInMonth(int y, int m) {
    return switch (m) {
      case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  private static long epochDay(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }
}
