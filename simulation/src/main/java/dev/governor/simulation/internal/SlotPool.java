package dev.governor.simulation.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The free slots of RUNNING instances. A slot id is {@code instance × slots + k}. {@link #take()}
 * picks the slot a waiting job goes to: a uniformly random one ({@link Random}) or one on the
 * busiest instance ({@link Packed}).
 */
abstract class SlotPool {
  protected final int slotsPerInstance;
  protected int[] pos = new int[0];

  SlotPool(int slotsPerInstance) {
    this.slotsPerInstance = slotsPerInstance;
  }

  static SlotPool random(int slotsPerInstance, SplittableRandom rnd) {
    return new Random(slotsPerInstance, rnd);
  }

  static SlotPool packed(int slotsPerInstance) {
    return new Packed(slotsPerInstance);
  }

  /** Makes room for slot ids below {@code n}. */
  void ensureSlots(int n) {
    if (pos.length < n) {
      int old = pos.length;
      pos = Arrays.copyOf(pos, Math.max(n, old * 2));
      Arrays.fill(pos, old, pos.length, -1);
    }
  }

  boolean contains(int slot) {
    return pos[slot] >= 0;
  }

  abstract int size();

  abstract void add(int slot);

  abstract void remove(int slot);

  /** Removes and returns the slot the next waiting job takes. Only call when {@link #size()} > 0. */
  abstract int take();

  /** Uniformly random among all free slots: what pulling workers amount to. */
  static final class Random extends SlotPool {
    private final SplittableRandom rnd;
    private int[] free = new int[64];
    private int size;

    Random(int slotsPerInstance, SplittableRandom rnd) {
      super(slotsPerInstance);
      this.rnd = rnd;
    }

    @Override
    int size() {
      return size;
    }

    @Override
    void add(int slot) {
      if (pos[slot] >= 0) {
        return;
      }
      if (size == free.length) {
        free = Arrays.copyOf(free, size * 2);
      }
      free[size] = slot;
      pos[slot] = size++;
    }

    @Override
    void remove(int slot) {
      int p = pos[slot];
      if (p < 0) {
        return;
      }
      int last = free[--size];
      free[p] = last;
      pos[last] = p;
      pos[slot] = -1;
    }

    @Override
    int take() {
      int slot = free[size == 1 ? 0 : rnd.nextInt(size)];
      remove(slot);
      return slot;
    }
  }

  /**
   * The busiest instance that still has a free slot (fewest free slots first; among equals the
   * one that got there last), and its lowest free slot.
   */
  static final class Packed extends SlotPool {
    /** levels[f] holds instances with exactly f free slots, f in 1..slots. */
    private final int[][] levels;
    private final int[] levelSize;
    private int[] levelPos = new int[0];
    private int[] freeIn = new int[0];
    private int size;

    Packed(int slotsPerInstance) {
      super(slotsPerInstance);
      levels = new int[slotsPerInstance + 1][16];
      levelSize = new int[slotsPerInstance + 1];
    }

    @Override
    void ensureSlots(int n) {
      super.ensureSlots(n);
      int instances = (n + slotsPerInstance - 1) / slotsPerInstance;
      if (freeIn.length < instances) {
        int len = Math.max(instances, freeIn.length * 2);
        freeIn = Arrays.copyOf(freeIn, len);
        levelPos = Arrays.copyOf(levelPos, len);
      }
    }

    @Override
    int size() {
      return size;
    }

    @Override
    void add(int slot) {
      if (pos[slot] >= 0) {
        return;
      }
      pos[slot] = 0;
      int inst = slot / slotsPerInstance;
      move(inst, freeIn[inst], freeIn[inst] + 1);
      size++;
    }

    @Override
    void remove(int slot) {
      if (pos[slot] < 0) {
        return;
      }
      pos[slot] = -1;
      int inst = slot / slotsPerInstance;
      move(inst, freeIn[inst], freeIn[inst] - 1);
      size--;
    }

    @Override
    int take() {
      for (int f = 1; f <= slotsPerInstance; f++) {
        if (levelSize[f] > 0) {
          int inst = levels[f][levelSize[f] - 1];
          int base = inst * slotsPerInstance;
          for (int k = 0; k < slotsPerInstance; k++) {
            if (pos[base + k] >= 0) {
              remove(base + k);
              return base + k;
            }
          }
        }
      }
      throw new IllegalStateException("no free slot");
    }

    private void move(int inst, int from, int to) {
      if (from > 0) {
        int p = levelPos[inst];
        int last = levels[from][--levelSize[from]];
        levels[from][p] = last;
        levelPos[last] = p;
      }
      if (to > 0) {
        if (levelSize[to] == levels[to].length) {
          levels[to] = Arrays.copyOf(levels[to], levelSize[to] * 2);
        }
        levels[to][levelSize[to]] = inst;
        levelPos[inst] = levelSize[to]++;
      }
      freeIn[inst] = to;
    }
  }
}
