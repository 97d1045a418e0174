package dev.governor.policy.baseline;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The pure core of cron-like capacity by time of week (what teams do with scheduled actions): a
 * list of rules {@code (days, start, end, capacity)} and a default. The first rule that covers the
 * local time wins; {@code start} is inclusive and {@code end} exclusive; a rule whose end is not
 * after its start runs past midnight into the next day ({@code FRI 22:00–06:00} covers Friday 22:00
 * to Saturday 06:00; {@code end = start} covers 24 h; {@code end = 00:00} means midnight), and its
 * days are the days it starts on.
 */
public final class ScheduledCapacity {
  private ScheduledCapacity() {}

  /**
   * One rule.
   *
   * @param days the days it starts on
   * @param start local start time (inclusive)
   * @param end local end time (exclusive); not after {@code start} means the next day
   * @param capacity the capacity while it applies
   */
  public record Rule(Set<DayOfWeek> days, LocalTime start, LocalTime end, int capacity) {
    public Rule {
      Check.notNull("days", days);
      if (days.isEmpty()) {
        throw new IllegalArgumentException("days must not be empty");
      }
      days = Set.copyOf(EnumSet.copyOf(days));
      Check.notNull("start", start);
      Check.notNull("end", end);
      Check.atLeast("capacity", capacity, 0);
    }

    public static Rule weekdays(LocalTime start, LocalTime end, int capacity) {
      return new Rule(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), start, end, capacity);
    }

    public static Rule every(LocalTime start, LocalTime end, int capacity) {
      return new Rule(EnumSet.allOf(DayOfWeek.class), start, end, capacity);
    }

    boolean covers(ZonedDateTime t) {
      LocalTime time = t.toLocalTime();
      DayOfWeek day = t.getDayOfWeek();
      if (end.isAfter(start)) {
        return days.contains(day) && !time.isBefore(start) && time.isBefore(end);
      }
      if (days.contains(day) && !time.isBefore(start)) {
        return true;
      }
      return days.contains(day.minus(1)) && time.isBefore(end);
    }

    @Override
    public String toString() {
      return days + " " + start + "–" + end + " → " + capacity;
    }
  }

  /**
   * The capacity at {@code t} and the rule that gave it.
   *
   * @param rule index of the rule, -1 for the default
   */
  public record Match(int capacity, int rule, String explanation) {}

  public static Match capacityAt(Instant t, List<Rule> rules, int defaultCapacity, ZoneId zone) {
    ZonedDateTime local = t.atZone(zone);
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).covers(local)) {
        return new Match(rules.get(i).capacity(), i, local.getDayOfWeek() + " " + local.toLocalTime() + " " + zone
            + " matches rule " + (i + 1) + " (" + rules.get(i) + ")");
      }
    }
    return new Match(defaultCapacity, -1, local.getDayOfWeek() + " " + local.toLocalTime() + " " + zone
        + " matches no rule: default " + defaultCapacity);
  }
}
