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
   * @param days the days it starts on; not empty
   * @param start local start time (inclusive)
   * @param end local end time (exclusive); not after {@code start} means the next day
   * @param capacity the capacity while it applies, instances, &gt;= 0
   */
  public record Rule(Set<DayOfWeek> days, LocalTime start, LocalTime end, int capacity) {
    /**
     * Validates the rule and copies {@code days}.
     *
     * @param days the days it starts on; not empty
     * @param start local start time (inclusive)
     * @param end local end time (exclusive); not after {@code start} means the next day
     * @param capacity the capacity while it applies, instances, &gt;= 0
     * @throws IllegalArgumentException if {@code days}, {@code start} or {@code end} is null,
     *     {@code days} is empty, or {@code capacity < 0}
     */
    public Rule {
      Check.notNull("days", days);
      if (days.isEmpty()) {
        throw new IllegalArgumentException("days must not be empty");
      }
      days = java.util.Collections.unmodifiableSet(EnumSet.copyOf(days)); // in week order, so reasons read the same every run
      Check.notNull("start", start);
      Check.notNull("end", end);
      Check.atLeast("capacity", capacity, 0);
    }

    /**
     * A rule starting Monday to Friday.
     *
     * @param start local start time (inclusive)
     * @param end local end time (exclusive); not after {@code start} means the next day
     * @param capacity instances while it applies, &gt;= 0
     * @return the rule
     * @throws IllegalArgumentException if a time is null or {@code capacity < 0}
     */
    public static Rule weekdays(LocalTime start, LocalTime end, int capacity) {
      return new Rule(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), start, end, capacity);
    }

    /**
     * A rule starting every day.
     *
     * @param start local start time (inclusive)
     * @param end local end time (exclusive); not after {@code start} means the next day
     * @param capacity instances while it applies, &gt;= 0
     * @return the rule
     * @throws IllegalArgumentException if a time is null or {@code capacity < 0}
     */
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
   * @param capacity the capacity, instances
   * @param rule index of the rule, -1 for the default
   * @param explanation the local time and the rule or default that applied, for reasons
   */
  public record Match(int capacity, int rule, String explanation) {}

  /**
   * The capacity at {@code t}: the first rule covering the local time in {@code zone}, else the default.
   *
   * @param t the instant
   * @param rules the rules, first match wins
   * @param defaultCapacity instances when no rule applies
   * @param zone the time zone the rules are written in
   * @return the capacity and the rule that gave it
   */
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
