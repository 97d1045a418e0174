package dev.governor.simulation.report;

import dev.governor.simulation.bench.Bench;
import dev.governor.simulation.bench.Bench.Case;
import dev.governor.simulation.bench.Bench.Entry;
import dev.governor.simulation.bench.Bench.Run;
import dev.governor.simulation.bench.Bench.Tier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench.html}: one cost-vs-SLO chart per trace × tier. Each baseline's sweep over its knob
 * grid, replayed on the test half, is a curve (the best any of its settings could do there, in
 * hindsight); the setting chosen on the training half is a ringed point; Governor at its defaults
 * is a black star. Left of the dashed line a policy misses the tier's target; lower is cheaper.
 * Self-contained SVG, no script, opens offline. This class also makes the README's result table
 * ({@link #markdown}) and Governor's verdict per case ({@link #verdict}). Cost is instance-hours ÷
 * the lower bound (all work at 100 % busy). Every case passed here must hold a {@link Bench#GOVERNOR} entry.
 */
public final class BenchReport {
  private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
      "#7f7f7f", "#bcbd22", "#17becf"};

  private BenchReport() {}

  /**
   * The {@code bench.html} page: a summary table (per case: Governor's test-half SLO attainment and
   * cost ratio, the cheapest tuned baseline meeting the target, its cost ratio, and Governor's cost ÷
   * it, green where Governor meets the target and is within {@link #bar}), then one chart per case,
   * grouped under a heading per trace.
   *
   * @param cases the bench's cases, in the order to show them
   * @return the whole HTML document
   */
  public static String html(List<Case> cases) {
    StringBuilder sb = new StringBuilder(64 * 1024);
    sb.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Governor bench</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222}h2{margin-top:32px}")
        .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
        .append("th{background:#f4f4f4}td:first-child,td:nth-child(2){text-align:left}.chart{display:inline-block;")
        .append("margin:8px 16px 8px 0;vertical-align:top}.win{color:#080}.lose{color:#b00}")
        .append("</style></head><body><h1>Governor at its defaults vs. every baseline tuned on the first half</h1>")
        .append("<p>Second half of each trace. Each curve is one baseline's whole knob grid replayed on the second half; ")
        .append("the ringed point is the setting tuned on the first half; the star is Governor's default. ")
        .append("Cost is instance-hours ÷ the lower bound (all work at 100 % busy).</p>");
    sb.append("<table><tr><th>trace</th><th>tier</th><th>Governor SLO</th><th>×bound</th>")
        .append("<th>cheapest tuned baseline meeting target</th><th>×bound</th><th>Governor ÷ it</th></tr>");
    for (Case c : cases) {
      Run g = c.entry(Bench.GOVERNOR).test();
      Entry b = c.cheapestBaselineMeeting();
      double r = c.governorVsBest();
      boolean win = c.entry(Bench.GOVERNOR).meets(c.tier().sloTarget())
          && (b == null || r <= (c.tier().name().equals("relaxed") ? 1.0 : 0.85) + 1e-9);
      sb.append("<tr><td>").append(esc(c.trace().label())).append("</td><td>").append(c.tier().name()).append("</td><td>")
          .append(f("%.2f %%", 100 * g.sloAttainment())).append("</td><td>").append(f("%.3f", g.costRatio()))
          .append("</td><td>").append(b == null ? "none" : esc(b.policy())).append("</td><td>")
          .append(b == null ? "-" : f("%.3f", b.test().costRatio())).append("</td><td class=\"").append(win ? "win" : "lose")
          .append("\">").append(Double.isFinite(r) ? f("%.2f", r) : "-").append("</td></tr>");
    }
    sb.append("</table>");
    String last = null;
    for (Case c : cases) {
      if (!c.trace().label().equals(last)) {
        sb.append("<h2>").append(esc(c.trace().label())).append("</h2>");
        last = c.trace().label();
      }
      sb.append("<div class=\"chart\">").append(chart(c)).append("</div>");
    }
    return sb.append("</body></html>\n").toString();
  }

  static String chart(Case c) {
    int w = 460;
    int h = 320;
    int l = 56;
    int r = 130;
    int t = 28;
    int b = 40;
    double target = 100 * c.tier().sloTarget();
    double xmin = target - 3;
    double xmax = 100;
    List<double[]> all = new ArrayList<>();
    for (Entry e : c.entries()) {
      for (Run run : e.sweep()) {
        all.add(new double[] {100 * run.sloAttainment(), run.costRatio()});
      }
      all.add(new double[] {100 * e.test().sloAttainment(), e.test().costRatio()});
    }
    double ymin = Double.POSITIVE_INFINITY;
    double ymax = 0;
    for (double[] p : all) {
      if (p[0] >= xmin && Double.isFinite(p[1])) {
        ymin = Math.min(ymin, p[1]);
        ymax = Math.max(ymax, p[1]);
      }
    }
    if (!Double.isFinite(ymin)) {
      ymin = 1;
      ymax = 2;
    }
    ymin = Math.max(0, Math.floor(ymin * 10) / 10);
    ymax = Math.min(ymax, Math.max(ymin + 0.5, 4 * ymin)) * 1.05;
    StringBuilder sb = new StringBuilder();
    sb.append("<svg width=\"").append(w).append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w)
        .append(' ').append(h).append("\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"11\">");
    sb.append("<text x=\"").append(l).append("\" y=\"16\" font-weight=\"bold\">").append(esc(c.tier().name()))
        .append(f(" — %.0f s objective, target %.1f %%", (double) c.tier().deadline().toSeconds(), target)).append("</text>");
    double pw = w - l - r;
    double ph = h - t - b;
    java.util.function.DoubleUnaryOperator X = x -> l + (Math.max(xmin, Math.min(xmax, x)) - xmin) / (xmax - xmin) * pw;
    double y0 = ymin;
    double y1 = ymax;
    java.util.function.DoubleUnaryOperator Y = y -> t + ph - (Math.max(y0, Math.min(y1, y)) - y0) / (y1 - y0) * ph;
    sb.append("<rect x=\"").append(l).append("\" y=\"").append(t).append("\" width=\"").append(f("%.0f", pw))
        .append("\" height=\"").append(f("%.0f", ph)).append("\" fill=\"none\" stroke=\"#999\"/>");
    for (int i = 0; i <= 6; i++) {
      double x = xmin + i * (xmax - xmin) / 6;
      sb.append("<text x=\"").append(f("%.1f", X.applyAsDouble(x))).append("\" y=\"").append(h - b + 14)
          .append("\" text-anchor=\"middle\">").append(f("%.1f", x)).append("</text>");
      double y = y0 + i * (y1 - y0) / 6;
      sb.append("<text x=\"").append(l - 4).append("\" y=\"").append(f("%.1f", Y.applyAsDouble(y) + 4))
          .append("\" text-anchor=\"end\">").append(f("%.2f", y)).append("</text>");
    }
    sb.append("<text x=\"").append(f("%.0f", l + pw / 2)).append("\" y=\"").append(h - 6)
        .append("\" text-anchor=\"middle\">SLO attained, % (second half)</text>");
    sb.append("<text transform=\"translate(12,").append(f("%.0f", t + ph / 2))
        .append(") rotate(-90)\" text-anchor=\"middle\">cost ÷ lower bound</text>");
    double tx = X.applyAsDouble(target);
    sb.append("<line x1=\"").append(f("%.1f", tx)).append("\" x2=\"").append(f("%.1f", tx)).append("\" y1=\"").append(t)
        .append("\" y2=\"").append(t + (int) ph).append("\" stroke=\"#b00\" stroke-dasharray=\"4 3\"/>");
    int ci = 0;
    int legend = 0;
    for (Entry e : c.entries()) {
      if (e.policy().equals(Bench.GOVERNOR)) {
        continue;
      }
      String color = COLORS[ci++ % COLORS.length];
      if (!e.sweep().isEmpty()) {
        StringBuilder path = new StringBuilder();
        for (Run run : e.sweep()) {
          if (!Double.isFinite(run.costRatio())) {
            continue;
          }
          path.append(path.length() == 0 ? "M" : "L").append(f("%.1f", X.applyAsDouble(100 * run.sloAttainment())))
              .append(',').append(f("%.1f", Y.applyAsDouble(run.costRatio())));
        }
        sb.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(color)
            .append("\" stroke-width=\"1.5\" opacity=\"0.8\"/>");
      }
      Run ch = e.test();
      if (Double.isFinite(ch.costRatio())) {
        sb.append("<circle cx=\"").append(f("%.1f", X.applyAsDouble(100 * ch.sloAttainment()))).append("\" cy=\"")
            .append(f("%.1f", Y.applyAsDouble(ch.costRatio()))).append("\" r=\"5\" fill=\"white\" stroke=\"").append(color)
            .append("\" stroke-width=\"2\"><title>").append(esc(e.policy())).append(f(": %.3f %% at %.3f", 100 * ch.sloAttainment(),
                ch.costRatio())).append("</title></circle>");
      }
      legend(sb, w - r + 8, t + 12 + 14 * legend++, color, e.policy(), false);
    }
    Run g = c.entry(Bench.GOVERNOR).test();
    double gx = X.applyAsDouble(100 * g.sloAttainment());
    double gy = Y.applyAsDouble(g.costRatio());
    sb.append("<path d=\"").append(star(gx, gy, 8)).append("\" fill=\"black\"><title>governor (defaults)")
        .append(f(": %.3f %% at %.3f", 100 * g.sloAttainment(), g.costRatio())).append("</title></path>");
    legend(sb, w - r + 8, t + 12 + 14 * legend, "black", "governor", true);
    return sb.append("</svg>").toString();
  }

  private static void legend(StringBuilder sb, int x, int y, String color, String name, boolean star) {
    if (star) {
      sb.append("<path d=\"").append(star(x + 6, y - 4, 6)).append("\" fill=\"black\"/>");
    } else {
      sb.append("<line x1=\"").append(x).append("\" x2=\"").append(x + 12).append("\" y1=\"").append(y - 4)
          .append("\" y2=\"").append(y - 4).append("\" stroke=\"").append(color).append("\" stroke-width=\"2\"/>");
    }
    sb.append("<text x=\"").append(x + 16).append("\" y=\"").append(y).append("\">").append(esc(name)).append("</text>");
  }

  private static String star(double cx, double cy, double r) {
    StringBuilder p = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      double a = Math.PI / 2 + i * Math.PI / 5;
      double rr = i % 2 == 0 ? r : r * 0.45;
      p.append(i == 0 ? "M" : "L").append(f("%.1f", cx + rr * Math.cos(a))).append(',').append(f("%.1f", cy - rr * Math.sin(a)));
    }
    return p.append('Z').toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String f(String fmt, double... v) {
    Object[] args = new Object[v.length];
    for (int i = 0; i < v.length; i++) {
      args[i] = v[i];
    }
    return String.format(Locale.ROOT, fmt, args);
  }

  /**
   * The bar Governor is held to in a tier, as a ratio of its cost to the cheapest tuned baseline
   * meeting the target's (instance-hours on the test half).
   *
   * @param t the tier
   * @return 1.0 for the tier named {@code relaxed} (no more than the baseline), 0.85 for any other
   */
  public static double bar(Tier t) {
    return t.name().equals("relaxed") ? 1.0 : 0.85;
  }

  /**
   * Governor's verdict in a case.
   *
   * @param c the case (must hold a {@link Bench#GOVERNOR} entry)
   * @return {@code MISSES target} if Governor did not meet the tier's target on the test half;
   *     {@code only one to meet target} if no baseline did; otherwise {@code wins} (cost ratio within
   *     {@link #bar}) or {@code LOSES}, followed by Governor's cost ÷ the cheapest baseline meeting
   *     the target and its name, e.g. {@code wins (0.82× hpa)}
   */
  public static String verdict(Case c) {
    String kind = verdictKind(c);
    Entry b = c.cheapestBaselineMeeting();
    return kind.equals("wins") || kind.equals("LOSES")
        ? kind + String.format(Locale.ROOT, " (%.2f× %s)", c.governorVsBest(), b.policy()) : kind;
  }

  /** The first words of {@link #verdict}: wins, LOSES, MISSES target or only one to meet target. */
  private static String verdictKind(Case c) {
    if (!c.entry(Bench.GOVERNOR).meets(c.tier().sloTarget())) {
      return "MISSES target";
    }
    if (c.cheapestBaselineMeeting() == null) {
      return "only one to meet target";
    }
    return c.governorVsBest() <= bar(c.tier()) + 1e-9 ? "wins" : "LOSES";
  }

  /**
   * The README's result table, Markdown: one row per case, Governor at its defaults against the
   * cheapest tuned baseline meeting the target. Columns: trace, tier, Governor's SLO attainment,
   * its cost ÷ the lower bound, its cost ÷ the offline optimum ({@code -} when unknown), the
   * baseline with its chosen setting ({@link #params}), its SLO attainment and cost ÷ lower bound,
   * Governor's cost ÷ the baseline's, and the {@link #verdict}.
   *
   * @param cases the cases, one row each, in order
   * @return the table, header included, one line per row
   */
  public static String markdown(List<Case> cases) {
    StringBuilder sb = new StringBuilder();
    sb.append("| trace | tier | Governor (defaults) SLO | ×bound | ×optimum | cheapest tuned baseline meeting the target "
        + "| its SLO | ×bound | Governor ÷ it | verdict |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (Case c : cases) {
      Run g = c.entry(Bench.GOVERNOR).test();
      Entry b = c.cheapestBaselineMeeting();
      sb.append(String.format(Locale.ROOT, "| %s | %s | %.2f %% | %.3f | %s | %s | %s | %s | %s | %s |%n",
          c.trace().label(), c.tier().name(), 100 * g.sloAttainment(), g.costRatio(),
          Double.isFinite(g.costVsOptimum()) ? String.format(Locale.ROOT, "%.3f", g.costVsOptimum()) : "-",
          b == null ? "none" : "`" + b.policy() + "` " + params(b.test().params()),
          b == null ? "-" : String.format(Locale.ROOT, "%.2f %%", 100 * b.test().sloAttainment()),
          b == null ? "-" : String.format(Locale.ROOT, "%.3f", b.test().costRatio()),
          Double.isFinite(c.governorVsBest()) ? String.format(Locale.ROOT, "%.2f", c.governorVsBest()) : "-",
          verdict(c)));
    }
    return sb.toString();
  }

  /**
   * The README's seed table, Markdown: whether each row of {@link #markdown} holds under other
   * draws of the same load. One row per case: the seeds (the bench's own first), Governor's lowest
   * SLO attainment over them and at how many it meets the target, Governor's cost ÷ the cheapest
   * baseline meeting the target at that seed (median and range over the seeds where one does), and
   * how many seeds give each {@link #verdict} (its first words: wins, LOSES, MISSES target, only one
   * to meet target).
   *
   * @param cases the bench's cases, at its own seed
   * @param bySeed the same cases at other seeds ({@link Bench#reseed}), each list in {@code cases}' order
   * @return the table, header included, one line per row
   * @throws IllegalArgumentException if a seed's cases do not match {@code cases} one to one
   */
  public static String seedsMarkdown(List<Case> cases, Map<Long, List<Case>> bySeed) {
    StringBuilder sb = new StringBuilder();
    sb.append("| trace | tier | seeds | Governor's lowest SLO | meets the target at | Governor ÷ cheapest baseline "
        + "meeting it: median (range) | verdicts |\n|---|---|---|---|---|---|---|\n");
    StringBuilder seedNames = new StringBuilder("bench's");
    for (long seed : bySeed.keySet()) {
      seedNames.append(", ").append(seed);
    }
    for (int i = 0; i < cases.size(); i++) {
      List<Case> all = new ArrayList<>();
      all.add(cases.get(i));
      for (Map.Entry<Long, List<Case>> e : bySeed.entrySet()) {
        Case c = e.getValue().size() > i ? e.getValue().get(i) : null;
        if (c == null || !c.trace().equals(cases.get(i).trace()) || !c.tier().name().equals(cases.get(i).tier().name())) {
          throw new IllegalArgumentException("seed " + e.getKey() + " does not hold case " + (i + 1) + " ("
              + cases.get(i).trace().label() + ", " + cases.get(i).tier().name() + ")");
        }
        all.add(c);
      }
      double lowest = 1;
      int meets = 0;
      List<Double> ratios = new ArrayList<>();
      Map<String, Integer> verdicts = new LinkedHashMap<>();
      for (Case c : all) {
        Run g = c.entry(Bench.GOVERNOR).test();
        lowest = Math.min(lowest, g.sloAttainment());
        meets += c.entry(Bench.GOVERNOR).meets(c.tier().sloTarget()) ? 1 : 0;
        if (Double.isFinite(c.governorVsBest())) {
          ratios.add(c.governorVsBest());
        }
        verdicts.merge(verdictKind(c), 1, Integer::sum);
      }
      Collections.sort(ratios);
      String ratio = "-";
      if (!ratios.isEmpty()) {
        int n = ratios.size();
        double median = n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
        ratio = String.format(Locale.ROOT, "%.3f (%.3f–%.3f)", median, ratios.get(0), ratios.get(n - 1));
      }
      StringBuilder vs = new StringBuilder();
      for (Map.Entry<String, Integer> v : verdicts.entrySet()) {
        vs.append(vs.length() == 0 ? "" : ", ").append(v.getKey()).append(' ').append(v.getValue()).append('/')
            .append(all.size());
      }
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f %% | %d/%d | %s | %s |%n", cases.get(i).trace().label(),
          cases.get(i).tier().name(), seedNames, 100 * lowest, meets, all.size(), ratio, vs));
    }
    return sb.toString();
  }

  /**
   * A knob setting as text, for tables.
   *
   * @param p knob name to value, in the map's order
   * @return {@code k=v k=v} (whole values without decimals, e.g. {@code lead=1 margin=0.05}), or
   *     {@code defaults} for an empty setting
   */
  public static String params(Map<String, Double> p) {
    if (p.isEmpty()) {
      return "defaults";
    }
    StringBuilder sb = new StringBuilder();
    p.forEach((k, v) -> sb.append(sb.length() > 0 ? " " : "").append(k).append('=').append(
        v == Math.rint(v) ? Long.toString(v.longValue()) : v.toString()));
    return sb.toString();
  }
}
