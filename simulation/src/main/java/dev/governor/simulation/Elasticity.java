package dev.governor.simulation;

/**
 * The SPEC Research Group elasticity metrics (Herbst et al., "Quantifying Cloud Performance and
 * Dependability", ACM TOMPECS 2018) over demand d_t (the fewest instances that could serve
 * interval t's work at 100 % busy) and supply s_t (RUNNING instances), with interval lengths
 * Δt summing to T:
 * <pre>
 * thetaU = 100/T · Σ max(d−s,0)/max(d,ε)·Δt      thetaO = 100/T · Σ max(s−d,0)/max(d,ε)·Δt
 * tauU   = 100/T · Σ [d>s]·Δt                     tauO   = 100/T · Σ [s>d]·Δt
 * instability = 100/(T−Δt₁) · Σ_{t≥2} min(|sgn Δs − sgn Δd|, 1)·Δt
 * jitter = (supply changes − demand changes) / T, per hour
 * </pre>
 * ε is one instance: demands are whole instances, so an interval with no work compares supply
 * with a single instance instead of dividing by zero.
 *
 * @param thetaU under-provisioning accuracy, % of demand missing on average
 * @param thetaO over-provisioning accuracy, % of demand in excess on average
 * @param tauU % of time under-provisioned
 * @param tauO % of time over-provisioned
 * @param instability % of time supply and demand move in different directions
 * @param jitter supply adaptations minus demand changes, per hour (negative: too few adaptations)
 */
public record Elasticity(double thetaU, double thetaO, double tauU, double tauO, double instability, double jitter) {
  /**
   * The smallest demand the accuracy metrics divide by, in instances (ε in the formulas): 1.
   */
  public static final double EPSILON = 1;

  /**
   * Computes the metrics of one replay from its per-interval demand and supply, with the formulas
   * of the type comment. Instability and jitter compare each interval with the one before, so the
   * first interval contributes only to the accuracy and timeshare metrics.
   *
   * @param demand d_t per interval, in instances (the fewest that could serve the interval's work)
   * @param supply s_t per interval, in RUNNING instances
   * @param dt each interval's length Δt, in seconds
   * @return the metrics, in percent except {@code jitter} (per hour); all zero for no intervals.
   *     Instability is 0 when the intervals after the first have no length. The arrays should have
   *     a positive total length: a total of 0 yields NaN.
   * @throws IllegalArgumentException if the three arrays differ in length
   * @throws NullPointerException if an array is null
   */
  public static Elasticity of(int[] demand, int[] supply, double[] dt) {
    int n = demand.length;
    if (supply.length != n || dt.length != n) {
      throw new IllegalArgumentException("demand, supply and dt must have the same length, but were " + n + ", "
          + supply.length + ", " + dt.length);
    }
    if (n == 0) {
      return new Elasticity(0, 0, 0, 0, 0, 0);
    }
    double total = 0;
    double under = 0;
    double over = 0;
    double timeUnder = 0;
    double timeOver = 0;
    double unstable = 0;
    int supplyChanges = 0;
    int demandChanges = 0;
    for (int t = 0; t < n; t++) {
      int d = demand[t];
      int s = supply[t];
      double w = dt[t];
      total += w;
      double denom = Math.max(d, EPSILON);
      if (d > s) {
        under += (d - s) / denom * w;
        timeUnder += w;
      } else if (s > d) {
        over += (s - d) / denom * w;
        timeOver += w;
      }
      if (t > 0) {
        int ds = Integer.signum(s - supply[t - 1]);
        int dd = Integer.signum(d - demand[t - 1]);
        if (ds != dd) {
          unstable += w;
        }
        if (ds != 0) {
          supplyChanges++;
        }
        if (dd != 0) {
          demandChanges++;
        }
      }
    }
    double rest = total - dt[0];
    return new Elasticity(100 * under / total, 100 * over / total, 100 * timeUnder / total, 100 * timeOver / total,
        rest > 0 ? 100 * unstable / rest : 0, (supplyChanges - demandChanges) / (total / 3600.0));
  }
}
