import { describe, expect, test } from "vitest";
import { run } from "./libs.fixture";

// Each handler measures virtual seconds with time.monotonic() and returns what the primitive did.
// Virtual time includes the real CPU the code spent (more on a loaded machine): figures are matched
// to within a quarter of a second.
const near = (seconds: number) => expect.closeTo(seconds, 0.3);
describe("threading and queue waits on the virtual clock", () => {
  test("queue.Queue.get(timeout=) waits for an item a thread puts later, and raises queue.Empty at the timeout", async () => {
    const r = await run(`
      import queue, threading, time
      def producer(q):
          time.sleep(3)
          q.put("first")
          time.sleep(10)
          q.put("late")
      def lambda_handler(event, context):
          q = queue.Queue()
          threading.Thread(target=producer, args=(q,)).start()
          t = time.monotonic()
          got = q.get(timeout=5)
          at = round(time.monotonic() - t, 1)
          try:
              q.get(timeout=2)
              missed = None
          except queue.Empty:
              missed = round(time.monotonic() - t, 1)
          return [got, at, missed, q.get(), round(time.monotonic() - t, 1)]
    `);
    expect(r.verdict).toBe("ok");
    expect(r.result).toEqual(["first", near(3), near(5), "late", near(13)]);
    expect(r.timeline.some((s) => s.label?.includes("Queue.get: the queue is empty (timeout=2)"))).toBe(true);
  });

  test("get() on an empty queue nothing fills waits out its timeout; get_nowait raises at once", async () => {
    const r = await run(`
      import queue, time
      def lambda_handler(event, context):
          q = queue.Queue()
          out = []
          try:
              q.get_nowait()
          except queue.Empty:
              out.append(round(time.monotonic() - 1000, 1))
          t = time.monotonic()
          try:
              q.get(timeout=7.5)
          except queue.Empty as e:
              out.append([type(e).__name__, round(time.monotonic() - t, 1)])
          return out
    `);
    expect(r.result).toEqual([near(0), ["Empty", near(7.5)]]);
  });

  test("LifoQueue and PriorityQueue take the items there at that moment in their own order; join() waits for task_done()", async () => {
    const r = await run(`
      import queue, threading, time
      def worker(q, seen):
          while True:
              try:
                  item = q.get(timeout=1)
              except queue.Empty:
                  return
              time.sleep(2)
              seen.append(item)
              q.task_done()
      def lambda_handler(event, context):
          lifo, prio = queue.LifoQueue(), queue.PriorityQueue()
          for x in (1, 2, 3):
              lifo.put(x)
          for x in (5, 1, 3):
              prio.put(x)
          order = [[lifo.get() for _ in range(3)], [prio.get() for _ in range(3)]]
          jobs, seen = queue.Queue(), []
          for x in ("a", "b", "c"):
              jobs.put(x)
          threading.Thread(target=worker, args=(jobs, seen)).start()
          t = time.monotonic()
          jobs.join()
          return order + [seen, round(time.monotonic() - t, 1)]
    `);
    expect(r.result).toEqual([[3, 2, 1], [1, 3, 5], ["a", "b", "c"], near(6)]);
  });

  test("threading.Event.wait returns True when a thread sets it, False at its timeout", async () => {
    const r = await run(`
      import threading, time
      def lambda_handler(event, context):
          ready = threading.Event()
          def warm():
              time.sleep(4)
              ready.set()
          threading.Thread(target=warm).start()
          t = time.monotonic()
          early = ready.wait(timeout=1)
          at_early = round(time.monotonic() - t, 1)
          late = ready.wait(timeout=10)
          at_late = round(time.monotonic() - t, 1)
          never = threading.Event().wait(2.5)
          return [early, at_early, late, at_late, never, round(time.monotonic() - t, 1)]
    `);
    expect(r.result).toEqual([false, near(1), true, near(4), false, near(6.5)]);
  });

  test("Lock.acquire(timeout=) waits for a thread to release it, or gives up with False", async () => {
    const r = await run(`
      import threading, time
      def lambda_handler(event, context):
          lock = threading.Lock()
          def hold(seconds):
              with lock:
                  time.sleep(seconds)
          threading.Thread(target=hold, args=(6,)).start()
          t = time.monotonic()
          short = lock.acquire(timeout=2)
          at_short = round(time.monotonic() - t, 1)
          long = lock.acquire(timeout=10)
          at_long = round(time.monotonic() - t, 1)
          locked = lock.locked()
          lock.release()
          return [short, at_short, long, at_long, locked, lock.acquire(blocking=False)]
    `);
    expect(r.result).toEqual([false, near(2), true, near(6), true, true]);
  });

  test("a lock taken twice by the same thread without a timeout is a deadlock: the run times out at that line", async () => {
    const r = await run(
      `
      import threading
      lock = threading.Lock()
      def lambda_handler(event, context):
          lock.acquire()
          lock.acquire()
          return "unreachable"
    `,
      { timeout: 5 },
      { id: "aws-lambda", clock: "wall", timeout: 5, countsInit: true, message: () => "timed out" },
    );
    expect(r.verdict).toBe("timeout");
    expect(r.line).toBe(5);
  });

  test("RLock is reentrant; Condition.wait returns True at a thread's notify(), False at its timeout", async () => {
    const r = await run(`
      import threading, time
      def lambda_handler(event, context):
          rl = threading.RLock()
          with rl:
              with rl:
                  nested = True
          cond = threading.Condition()
          items = []
          def produce():
              time.sleep(3)
              with cond:
                  items.append("x")
                  cond.notify()
          threading.Thread(target=produce).start()
          t = time.monotonic()
          with cond:
              woke = cond.wait(timeout=10)
              at = round(time.monotonic() - t, 1)
              again = cond.wait(timeout=1.5)
          return [nested, woke, at, again, round(time.monotonic() - t, 1)]
    `);
    // times are virtual, plus the real CPU the code took (a few hundredths of a second here)
    const [nested, woke, at, again, total] = r.result as [boolean, boolean, number, boolean, number];
    expect([nested, woke, again]).toEqual([true, true, false]);
    expect(at).toBeGreaterThanOrEqual(3);
    expect(at).toBeLessThan(3.3);
    expect(total - at).toBeCloseTo(1.5, 1);
  });

  test("a worker thread that waits on a queue filled only after it started is said to see nothing", async () => {
    const r = await run(`
      import queue, threading
      def lambda_handler(event, context):
          q = queue.Queue()
          got = []
          def worker():
              try:
                  got.append(q.get(timeout=2))
              except queue.Empty:
                  got.append("empty")
          t = threading.Thread(target=worker)
          t.start()
          q.put("job")
          t.join()
          return got
    `);
    expect(r.result).toEqual(["empty"]);
    expect(r.notes?.map((n) => n.text).join("\n")).toContain("waited on a queue that nothing run before it provided");
  });
});
