package dev.governor.simulation.internal;

/**
 * One class's FIFO of waiting jobs (arrival time, service time) in a growable ring. Jobs returned
 * by a terminated or crashed instance go back to the front: they are older than anything queued.
 */
final class JobQueue {
  private double[] arrival = new double[256];
  private double[] service = new double[256];
  private int head;
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void addLast(double arrivalTime, double serviceSeconds) {
    grow();
    int i = (head + size) & (arrival.length - 1);
    arrival[i] = arrivalTime;
    service[i] = serviceSeconds;
    size++;
  }

  void addFirst(double arrivalTime, double serviceSeconds) {
    grow();
    head = (head - 1) & (arrival.length - 1);
    arrival[head] = arrivalTime;
    service[head] = serviceSeconds;
    size++;
  }

  double headArrival() {
    return arrival[head];
  }

  double headService() {
    return service[head];
  }

  void removeFirst() {
    head = (head + 1) & (arrival.length - 1);
    size--;
  }

  /** Arrival time of the i-th job from the front. */
  double arrivalAt(int i) {
    return arrival[(head + i) & (arrival.length - 1)];
  }

  private void grow() {
    if (size < arrival.length) {
      return;
    }
    int n = arrival.length;
    double[] a = new double[n * 2];
    double[] s = new double[n * 2];
    for (int i = 0; i < size; i++) {
      a[i] = arrival[(head + i) & (n - 1)];
      s[i] = service[(head + i) & (n - 1)];
    }
    arrival = a;
    service = s;
    head = 0;
  }
}
