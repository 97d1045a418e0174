package dev.governor.simulation.internal;

import dev.governor.fleet.BillingModel;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.simulation.Dispatch;
import dev.governor.simulation.Faults;
import dev.governor.simulation.OverloadException;
import dev.governor.simulation.Scenario;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulated world below the controller: instances (booting, running, draining), their slots,
 * per-class queues, billing and instance faults, advanced event by event. Time is in seconds since
 * the start of the replay. Single-threaded.
 *
 * <p>Rules: jobs run only on RUNNING instances; a waiting job takes a free slot chosen by the
 * {@link SlotPool} (random by default); the queues are FIFO per class, and across classes the
 * highest priority, then the earliest deadline, goes first; an instance that is terminated or
 * crashes returns its jobs to the front of their queues, and their wait keeps counting from their
 * first arrival; billing runs from launch to termination.
 *
 * <p>Invariant: while a job waits, no slot is free (a free slot takes a waiting job at once), unless
 * every waiting job's class is at its cap on jobs in service ({@link #capInService}).
 */
final class FleetModel {
  /** Waiting jobs the model holds at most (16 bytes each): beyond it the replay stops with {@link OverloadException}. */
  static final int MAX_QUEUED = Scenario.DEFAULT_MAX_QUEUED;
  private int maxQueued = MAX_QUEUED;

  static final int FREE = 0;
  static final int PENDING = 1;
  static final int RUNNING = 2;
  static final int DRAINING = 3;
  /** Got a spot interruption notice: takes no new job, shown TERMINATING, killed at the end of the notice. */
  static final int INTERRUPTED = 4;

  private static final int EV_BOOT = 0;
  private static final int EV_CRASH = 1;
  private static final int EV_SPOT_NOTICE = 2;
  private static final int EV_SPOT_KILL = 3;
  private static final int EV_GIVE_UP = 4;
  private static final int EV_BITS = 3;
  private static final int GEN_MASK = 0x0fffffff;

  final int slots;
  final int classes;
  private final int[] priority;
  private final double[] deadline;
  private final Instant t0;
  private final String typeName;
  private final double price;
  private final BillingModel billing;
  private final Draw bootDraw;
  private final Faults faults;
  private final SplittableRandom bootRnd;
  private final SplittableRandom launchFailRnd;
  private final SplittableRandom crashRnd;
  private final SplittableRandom neverBootRnd;
  private final SplittableRandom slowBootRnd;
  private final SplittableRandom spotRnd;
  private final SplittableRandom hungRnd;
  private final double busyReportLag;
  private final SlotPool pool;
  private final Metrics metrics;

  // instances, by internal index (reused after termination; ids are never reused)
  private int[] state = new int[16];
  private boolean[] booted = new boolean[16];
  private boolean[] failsAtBoot = new boolean[16];
  private double[] launchedAt = new double[16];
  private int[] busy = new int[16];
  private int[] gen = new int[16];
  private String[] ids = new String[16];
  private Instant[] launchInstant = new Instant[16];
  private Instance[] view = new Instance[16];
  private int[] freeIndex = new int[16];
  private int freeCount;
  private int allocated;
  private int[] live = new int[16];
  private int liveCount;
  private final Map<String, Integer> byId = new HashMap<>();
  private long idCounter;
  private int running;
  private int pending;
  private int draining;

  // slots, by slot id = instance × slots + k
  private double[] jobArrival = new double[0];
  private double[] jobService = new double[0];
  private double[] jobStart = new double[0];
  private int[] jobClass = new int[0];
  private int[] slotVersion = new int[0];
  private boolean[] hung = new boolean[0];

  private final JobQueue[] queues;
  private int queued;
  private final int[] inflight;
  private final int[] cap;
  private boolean capped;
  private final EventHeap completions = new EventHeap();
  private final EventHeap instanceEvents = new EventHeap();
  private final long[] returned = new long[8];
  double now;

  FleetModel(int slots, int[] priority, double[] deadline, Instant t0, String typeName, double price,
      BillingModel billing, double bootMean, double bootCv, Dispatch dispatch, Faults faults, long seed,
      Metrics metrics) {
    this.slots = slots;
    this.classes = priority.length;
    this.priority = priority.clone();
    this.deadline = deadline.clone();
    this.t0 = t0;
    this.typeName = typeName;
    this.price = price;
    this.billing = billing;
    this.bootDraw = Draw.lognormal(bootMean, bootCv);
    this.faults = faults;
    this.bootRnd = Seeds.stream(seed, Seeds.BOOT);
    this.launchFailRnd = Seeds.stream(seed, Seeds.LAUNCH_FAILURE);
    this.crashRnd = Seeds.stream(seed, Seeds.CRASH);
    this.neverBootRnd = Seeds.stream(seed, Seeds.NEVER_BOOT);
    this.slowBootRnd = Seeds.stream(seed, Seeds.SLOW_BOOT);
    this.spotRnd = Seeds.stream(seed, Seeds.SPOT);
    this.hungRnd = Seeds.stream(seed, Seeds.HUNG);
    this.busyReportLag = faults.busyReportLag().toNanos() / 1e9;
    this.pool = dispatch == Dispatch.PACK ? SlotPool.packed(slots) : SlotPool.random(slots, Seeds.stream(seed, Seeds.DISPATCH));
    this.metrics = metrics;
    this.queues = new JobQueue[classes];
    for (int c = 0; c < classes; c++) {
      queues[c] = new JobQueue();
    }
    this.inflight = new int[classes];
    this.cap = new int[classes];
    java.util.Arrays.fill(cap, Integer.MAX_VALUE);
  }

  // ---------------------------------------------------------------- time

  /** Processes every completion and instance event at or before {@code t}, then sets the time to t. */
  void advanceTo(double t) {
    while (true) {
      double tc = completions.peekTime();
      double ti = instanceEvents.peekTime();
      if (tc <= ti) {
        if (tc > t) {
          break;
        }
        long p = completions.peekPayload();
        completions.pop();
        now = tc;
        int slot = (int) (p >>> 32);
        if (slotVersion[slot] == (int) p) {
          if (hung[slot]) {
            release(slot);
          } else {
            complete(slot);
          }
        }
      } else {
        if (ti > t) {
          break;
        }
        long p = instanceEvents.peekPayload();
        instanceEvents.pop();
        now = ti;
        int inst = (int) (p >>> 32);
        int low = (int) p;
        if (state[inst] != FREE && gen[inst] == (low >>> EV_BITS)) {
          switch (low & ((1 << EV_BITS) - 1)) {
            case EV_BOOT -> boot(inst);
            case EV_CRASH -> crash(inst);
            case EV_SPOT_NOTICE -> spotNotice(inst);
            case EV_SPOT_KILL -> spotKill(inst);
            default -> giveUp(inst);
          }
        }
      }
    }
    if (t > now) {
      now = t;
    }
  }

  // ---------------------------------------------------------------- jobs

  /**
   * Most jobs of each class in service across the fleet (a downstream limit: a database, an API
   * quota); {@link Integer#MAX_VALUE} for none. A capped class's jobs wait while slots are free.
   */
  void capInService(int[] limits) {
    System.arraycopy(limits, 0, cap, 0, classes);
    capped = false;
    for (int c = 0; c < classes; c++) {
      capped |= cap[c] != Integer.MAX_VALUE;
    }
  }

  /** The most jobs that may wait before the replay stops as overloaded. */
  void maxQueued(int n) {
    this.maxQueued = n;
  }

  /** A job arrives now. Call {@link #advanceTo} with its time first. */
  void arrive(int cls, double service) {
    boolean starts = pool.size() > 0 && (queued == 0 || (capped && queues[cls].isEmpty())) && inflight[cls] < cap[cls];
    if (!starts && queued >= maxQueued) {
      // before counting it: a job that is neither queued nor started must not be counted as arrived
      throw new OverloadException("more than " + maxQueued + " jobs are waiting at " + instant(now) + " with "
          + running + " instances running: the fleet cannot keep up with this load; replay a smaller --scale or "
          + "allow more instances (--max)");
    }
    metrics.arrived(now, cls, service);
    if (starts) {
      start(pool.take(), cls, now, service);
    } else {
      queues[cls].addLast(now, service);
      queued++;
    }
  }

  private void start(int slot, int cls, double arrival, double service) {
    metrics.started(now, cls, now - arrival);
    jobArrival[slot] = arrival;
    jobService[slot] = service;
    jobStart[slot] = now;
    jobClass[slot] = cls;
    inflight[cls]++;
    busy[slot / slots]++;
    boolean hangs = faults.hungJobs() > 0 && hungRnd.nextDouble() < faults.hungJobs();
    hung[slot] = hangs;
    double until = hangs ? now + faults.hungTimeout().toNanos() / 1e9 : now + service;
    if (hangs) {
      metrics.hungJobs++;
    }
    completions.push(until, ((long) slot << 32) | (slotVersion[slot] & 0xffffffffL));
  }

  /**
   * A hung job's visibility timeout ran out: it goes back to the front of its queue (its wait
   * keeps counting) and its worker, recycled, frees the slot.
   */
  private void release(int slot) {
    int inst = slot / slots;
    int cls = jobClass[slot];
    metrics.returned(cls, jobStart[slot] - jobArrival[slot], now - jobStart[slot]);
    inflight[cls]--;
    busy[inst]--;
    jobClass[slot] = -1;
    hung[slot] = false;
    slotVersion[slot]++;
    queues[cls].addFirst(jobArrival[slot], jobService[slot]);
    queued++;
    if (state[inst] == RUNNING) {
      pool.add(slot);
    }
    dispatchWaiting();
  }

  private void complete(int slot) {
    int inst = slot / slots;
    int cls = jobClass[slot];
    metrics.completed(now, cls, jobService[slot]);
    inflight[cls]--;
    busy[inst]--;
    jobClass[slot] = -1;
    slotVersion[slot]++;
    if (state[inst] == RUNNING) {
      if (queued > 0 && startable() >= 0) {
        startNext(slot);
      } else {
        pool.add(slot);
      }
    }
    if (capped && cap[cls] != Integer.MAX_VALUE && !queues[cls].isEmpty()) {
      dispatchWaiting(); // the capped class has room again: a free slot anywhere may take its next job
    }
  }

  /** The class whose job goes first (see {@link #startNext}), or -1 if every waiting class is at its cap. */
  private int startable() {
    if (classes == 1 && !capped) {
      return queues[0].isEmpty() ? -1 : 0;
    }
    int best = -1;
    double bestDue = 0;
    for (int c = 0; c < classes; c++) {
      if (queues[c].isEmpty() || inflight[c] >= cap[c]) {
        continue;
      }
      double due = queues[c].headArrival() + deadline[c];
      if (best < 0 || priority[c] > priority[best] || (priority[c] == priority[best] && due < bestDue)) {
        best = c;
        bestDue = due;
      }
    }
    return best;
  }

  /** Serves the job that goes first: highest priority, then earliest deadline, then class order; skips capped classes. */
  private void startNext(int slot) {
    int best = classes > 1 || capped ? startable() : 0;
    JobQueue q = queues[best];
    double arrival = q.headArrival();
    double service = q.headService();
    q.removeFirst();
    queued--;
    start(slot, best, arrival, service);
  }

  private void dispatchWaiting() {
    while (queued > 0 && pool.size() > 0 && (!capped || startable() >= 0)) {
      startNext(pool.take());
    }
  }

  // ---------------------------------------------------------------- instances

  /** Adds {@code n} RUNNING instances launched now (the fleet the replay starts with). */
  void addRunning(int n) {
    for (int k = 0; k < n; k++) {
      int inst = allocate(false);
      booted[inst] = true;
      setState(inst, RUNNING);
      for (int j = 0; j < slots; j++) {
        pool.add(inst * slots + j);
      }
      scheduleCrash(inst);
    }
    dispatchWaiting();
  }

  /** Launches one instance now; it boots after a lognormal delay. Returns its id. */
  String launch() {
    int inst = allocate(faults.launchFailure() > 0 && launchFailRnd.nextDouble() < faults.launchFailure());
    setState(inst, PENDING);
    metrics.launches++;
    double delay = bootDraw.sample(bootRnd);
    if (faults.neverBoots() > 0 && neverBootRnd.nextDouble() < faults.neverBoots()) {
      schedule(inst, Faults.STUCK_PENDING.toSeconds(), EV_GIVE_UP); // stays PENDING, billed, until then
      return ids[inst];
    }
    if (faults.slowBoot() > 0 && slowBootRnd.nextDouble() < faults.slowBoot()) {
      metrics.slowBoots++;
      delay *= Faults.SLOW_BOOT_FACTOR;
    }
    schedule(inst, delay, EV_BOOT);
    return ids[inst];
  }

  private void schedule(int inst, double after, int event) {
    instanceEvents.push(now + after, ((long) inst << 32) | ((long) gen[inst] << EV_BITS) | event);
  }

  private int allocate(boolean failAtBoot) {
    int inst;
    if (freeCount > 0) {
      inst = freeIndex[--freeCount];
    } else {
      inst = allocated++;
      growInstances(allocated);
    }
    booted[inst] = false;
    failsAtBoot[inst] = failAtBoot;
    launchedAt[inst] = now;
    busy[inst] = 0;
    String id = instanceId(++idCounter);
    ids[inst] = id;
    launchInstant[inst] = instant(now);
    view[inst] = null;
    byId.put(id, inst);
    live[liveCount++] = inst;
    return inst;
  }

  /** {@code i-00000042}: EC2-like, sortable, never reused within a replay. */
  static String instanceId(long n) {
    String digits = Long.toString(n);
    return digits.length() >= 8 ? "i-" + digits : "i-" + "00000000".substring(digits.length()) + digits;
  }

  private void growInstances(int n) {
    if (n > state.length) {
      int len = Math.max(n, state.length * 2);
      state = Arrays.copyOf(state, len);
      booted = Arrays.copyOf(booted, len);
      failsAtBoot = Arrays.copyOf(failsAtBoot, len);
      launchedAt = Arrays.copyOf(launchedAt, len);
      busy = Arrays.copyOf(busy, len);
      gen = Arrays.copyOf(gen, len);
      ids = Arrays.copyOf(ids, len);
      launchInstant = Arrays.copyOf(launchInstant, len);
      view = Arrays.copyOf(view, len);
      freeIndex = Arrays.copyOf(freeIndex, len);
      live = Arrays.copyOf(live, len);
    }
    int slotIds = n * slots;
    if (slotIds > jobArrival.length) {
      int len = Math.max(slotIds, jobArrival.length * 2);
      int old = jobClass.length;
      jobArrival = Arrays.copyOf(jobArrival, len);
      jobService = Arrays.copyOf(jobService, len);
      jobStart = Arrays.copyOf(jobStart, len);
      jobClass = Arrays.copyOf(jobClass, len);
      Arrays.fill(jobClass, old, len, -1);
      slotVersion = Arrays.copyOf(slotVersion, len);
      hung = Arrays.copyOf(hung, len);
      pool.ensureSlots(len);
    }
  }

  private void setState(int inst, int s) {
    int old = state[inst];
    if (old == RUNNING) {
      running--;
    } else if (old == PENDING) {
      pending--;
    } else if (old == DRAINING) {
      draining--;
    }
    if (s == RUNNING) {
      running++;
    } else if (s == PENDING) {
      pending++;
    } else if (s == DRAINING) {
      draining++;
    }
    state[inst] = s;
  }

  private void boot(int inst) {
    if (failsAtBoot[inst]) {
      metrics.launchFailures++;
      remove(inst);
      return;
    }
    booted[inst] = true;
    scheduleCrash(inst);
    scheduleSpot(inst);
    if (state[inst] == PENDING) {
      setState(inst, RUNNING);
      for (int j = 0; j < slots; j++) {
        pool.add(inst * slots + j);
      }
      dispatchWaiting();
    }
  }

  private void scheduleCrash(int inst) {
    double rate = faults.crashesPerInstanceHour();
    if (rate > 0) {
      schedule(inst, -Math.log(1 - crashRnd.nextDouble()) * 3600.0 / rate, EV_CRASH);
    }
  }

  private void scheduleSpot(int inst) {
    double rate = faults.spotInterruptionsPerInstanceHour();
    if (rate > 0) {
      schedule(inst, -Math.log(1 - spotRnd.nextDouble()) * 3600.0 / rate, EV_SPOT_NOTICE);
    }
  }

  /** A spot interruption notice: the worker stops taking jobs; the instance is killed when the notice ends. */
  private void spotNotice(int inst) {
    if (state[inst] != RUNNING && state[inst] != DRAINING) {
      return;
    }
    metrics.spotInterruptions++;
    int base = inst * slots;
    for (int j = 0; j < slots; j++) {
      pool.remove(base + j);
    }
    setState(inst, INTERRUPTED);
    schedule(inst, Faults.SPOT_NOTICE.toSeconds(), EV_SPOT_KILL);
  }

  private void spotKill(int inst) {
    if (state[inst] == INTERRUPTED) {
      evict(inst);
      remove(inst);
      dispatchWaiting();
    }
  }

  /** An instance that never booted: the provider gives up on it. */
  private void giveUp(int inst) {
    if (state[inst] == PENDING && !booted[inst]) {
      metrics.neverBooted++;
      remove(inst);
    }
  }

  private void crash(int inst) {
    metrics.crashes++;
    evict(inst);
    remove(inst);
    dispatchWaiting();
  }

  /** Terminates an instance now; its running jobs go back to the queue. */
  void terminate(int inst) {
    metrics.terminations++;
    if (busy[inst] > 0) {
      metrics.wrongTerminations++; // a job in progress dies with it (and goes back to the queue)
      metrics.killedJobs += busy[inst];
    }
    evict(inst);
    remove(inst);
    dispatchWaiting();
  }

  /** Stops giving an instance new jobs; its running jobs finish. */
  void drain(int inst) {
    if (state[inst] == INTERRUPTED) {
      return; // already on its way out
    }
    if (state[inst] == RUNNING) {
      int base = inst * slots;
      for (int j = 0; j < slots; j++) {
        pool.remove(base + j);
      }
    }
    setState(inst, DRAINING);
  }

  /** Returns a draining instance to service. */
  void reactivate(int inst) {
    if (!booted[inst]) {
      setState(inst, PENDING);
      return;
    }
    setState(inst, RUNNING);
    int base = inst * slots;
    for (int j = 0; j < slots; j++) {
      if (jobClass[base + j] < 0) {
        pool.add(base + j);
      }
    }
    dispatchWaiting();
  }

  /** Takes every job off an instance and puts it back at the front of its queue (oldest first). */
  private void evict(int inst) {
    int base = inst * slots;
    int n = 0;
    long[] order = returned.length >= slots ? returned : new long[slots];
    for (int j = 0; j < slots; j++) {
      int slot = base + j;
      pool.remove(slot);
      int cls = jobClass[slot];
      if (cls < 0) {
        continue;
      }
      metrics.returned(cls, jobStart[slot] - jobArrival[slot], now - jobStart[slot]);
      inflight[cls]--;
      jobClass[slot] = -1;
      hung[slot] = false;
      slotVersion[slot]++;
      order[n++] = ((long) j << 32) | cls;
    }
    busy[inst] = 0;
    // newest arrival goes to the front first, so the oldest ends up at the very front
    for (int a = 0; a < n; a++) {
      int newest = a;
      for (int b = a + 1; b < n; b++) {
        if (jobArrival[base + (int) (order[b] >>> 32)] > jobArrival[base + (int) (order[newest] >>> 32)]) {
          newest = b;
        }
      }
      long tmp = order[a];
      order[a] = order[newest];
      order[newest] = tmp;
      int slot = base + (int) (order[a] >>> 32);
      queues[(int) order[a]].addFirst(jobArrival[slot], jobService[slot]);
      queued++;
    }
  }

  private void remove(int inst) {
    metrics.billedSeconds += billing.billedSeconds(now - launchedAt[inst]);
    setState(inst, FREE);
    gen[inst] = (gen[inst] + 1) & GEN_MASK;
    byId.remove(ids[inst]);
    ids[inst] = null;
    view[inst] = null;
    for (int k = 0; k < liveCount; k++) {
      if (live[k] == inst) {
        System.arraycopy(live, k + 1, live, k, liveCount - k - 1);
        liveCount--;
        break;
      }
    }
    freeIndex[freeCount++] = inst;
  }

  /** Bills every live instance up to now and books what is still running or waiting (end of replay). */
  void finish() {
    for (int k = 0; k < liveCount; k++) {
      int inst = live[k];
      metrics.billedSeconds += billing.billedSeconds(now - launchedAt[inst]);
      int base = inst * slots;
      for (int j = 0; j < slots; j++) {
        if (jobClass[base + j] >= 0) {
          metrics.busySeconds += now - jobStart[base + j];
          metrics.inServiceAtEnd++;
        }
      }
    }
    for (int c = 0; c < classes; c++) {
      JobQueue q = queues[c];
      for (int i = 0; i < q.size(); i++) {
        metrics.queuedAtEnd(c, now - q.arrivalAt(i));
      }
    }
  }

  /** For tests of the actuator: makes {@code n} free slots of a RUNNING instance busy with very long jobs. */
  void occupy(int inst, int n) {
    int base = inst * slots;
    for (int j = 0; j < slots && n > 0; j++) {
      int slot = base + j;
      if (jobClass[slot] < 0 && pool.contains(slot)) {
        pool.remove(slot);
        start(slot, 0, now, 1e12);
        n--;
      }
    }
  }

  // ---------------------------------------------------------------- views

  Integer indexOf(String id) {
    return byId.get(id);
  }

  int state(int inst) {
    return state[inst];
  }

  int running() {
    return running;
  }

  int pending() {
    return pending;
  }

  int draining() {
    return draining;
  }

  int queued(int cls) {
    return queues[cls].size();
  }

  int inflight(int cls) {
    return inflight[cls];
  }

  /** Age of the oldest waiting job of a class, 0 if none. */
  double oldestAge(int cls) {
    return queues[cls].isEmpty() ? 0 : now - queues[cls].headArrival();
  }

  /** The instances as the core sees them, in launch order; unchanged instances reuse their view. */
  List<Instance> instances() {
    Instance[] out = new Instance[liveCount];
    for (int k = 0; k < liveCount; k++) {
      int inst = live[k];
      InstanceState s = switch (state[inst]) {
        case PENDING -> InstanceState.PENDING;
        case RUNNING -> InstanceState.RUNNING;
        case INTERRUPTED -> InstanceState.TERMINATING;
        default -> InstanceState.DRAINING;
      };
      int b = busyReportLag > 0 ? reportedBusy(inst) : busy[inst];
      Instance v = view[inst];
      if (v == null || v.state() != s || v.busySlots() != b) {
        v = new Instance(ids[inst], typeName, s, launchInstant[inst], slots, b, price, billing);
        view[inst] = v;
      }
      out[k] = v;
    }
    return List.of(out);
  }

  /** Busy slots as a lagging report gives them: jobs started within the lag are not counted yet. */
  private int reportedBusy(int inst) {
    int n = 0;
    int base = inst * slots;
    for (int j = 0; j < slots; j++) {
      if (jobClass[base + j] >= 0 && jobStart[base + j] <= now - busyReportLag) {
        n++;
      }
    }
    return n;
  }

  /** Whether {@code id} was ever issued by this model (a live instance or one already gone). */
  boolean issued(String id) {
    if (id == null || !id.startsWith("i-")) {
      return false;
    }
    try {
      long n = Long.parseLong(id.substring(2));
      return n >= 1 && n <= idCounter && instanceId(n).equals(id);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Counts a call that asked to terminate instances this pool never had. */
  void foreignTermination(int n) {
    metrics.wrongTerminations += n;
    metrics.foreignTerminations += n;
  }

  /** The running + booting instances (what the controller should believe it has). */
  int effective() {
    return running + pending;
  }

  Instant instant(double t) {
    long whole = (long) Math.floor(t);
    return t0.plusSeconds(whole).plusNanos(Math.round((t - whole) * 1e9));
  }

  double seconds(Instant t) {
    return (t.getEpochSecond() - t0.getEpochSecond()) + (t.getNano() - t0.getNano()) / 1e9;
  }
}
