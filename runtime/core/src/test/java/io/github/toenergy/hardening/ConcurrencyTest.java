package io.github.toenergy.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.energy.Estimate;
import io.github.toenergy.energy.Estimator;
import io.github.toenergy.energy.LayerEstimate;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.Profiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profile loading and estimating from many threads at once give exactly the single-threaded
 * results: {@link Profiles#load}, {@link Profile#estimator}, {@link Estimator#estimate} and the
 * lazily computed {@link Estimate#layers()} (shared estimates whose first call races).
 */
class ConcurrencyTest {
  private static final int THREADS = 8;

  @TempDir Path folder;
  private ExecutorService pool;
  private final List<Network> networks = new ArrayList<>();
  private final List<Workload> workloads = new ArrayList<>();

  @BeforeEach
  void setUp() {
    pool = Executors.newFixedThreadPool(THREADS);
    ProfileFixtures.write(folder, "linear-test.properties", ProfileFixtures.linear("linear-test"));
    ProfileFixtures.write(folder, "loglog-test.properties", ProfileFixtures.logLog("loglog-test"));
    Random r = new Random(20240607);
    for (int i = 0; i < 24; i++) {
      networks.add(NetworkGen.network(r));
      workloads.add(new Workload(r.nextBoolean() ? Phase.INFERENCE : Phase.TRAINING, 1 + r.nextInt(128),
          r.nextInt(3) == 0 ? 1 + r.nextInt(500) : 0));
    }
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
  }

  /** Everything an estimate says, comparable with equals. */
  private record Result(String profile, double joules, double low, double high, long tos, long macs, boolean outside,
      List<LayerEstimate> layers) {
    static Result of(Estimate e) {
      return new Result(e.profile(), e.joules(), e.low(), e.high(), e.tos(), e.macs(), e.outsideFittedRange(),
          e.layers());
    }
  }

  private Profiles load() {
    return Profiles.load(getClass().getClassLoader(), List.of(folder));
  }

  /** results[profile][network], computed on one thread. */
  private List<List<Result>> singleThreaded(Profiles profiles) {
    List<List<Result>> results = new ArrayList<>();
    for (Profile p : profiles.profiles()) {
      List<Result> row = new ArrayList<>();
      for (int n = 0; n < networks.size(); n++) {
        row.add(Result.of(p.estimate(networks.get(n), workloads.get(n))));
      }
      results.add(row);
    }
    return results;
  }

  @Test
  void loadingAndEstimatingFromManyThreadsMatchesOneThread() throws Exception {
    Profiles reference = load();
    List<String> ids = reference.profiles().stream().map(Profile::id).toList();
    assertEquals(11, ids.size(), "9 shipped + 2 test profiles: " + ids);
    List<List<Result>> expected = singleThreaded(reference);

    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int t = 0; t < 160; t++) {
      int task = t;
      tasks.add(() -> {
        start.await();
        // every task loads its own profiles, some through the shared shipped set
        Profiles profiles = task % 3 == 0 ? Profiles.shipped() : load();
        int checked = 0;
        for (int k = 0; k < 6; k++) {
          int p = (task * 7 + k) % ids.size();
          int n = (task * 13 + k * 5) % networks.size();
          if (!profiles.contains(ids.get(p))) continue; // the shipped set lacks the test profiles
          Profile profile = profiles.profile(ids.get(p));
          Result got = Result.of(profile.estimator(networks.get(n)).estimate(workloads.get(n)));
          assertEquals(expected.get(p).get(n), got, ids.get(p) + " on network " + n);
          checked++;
        }
        return checked;
      });
    }
    int checked = runAll(tasks, start);
    assertTrue(checked > 600, "estimates compared: " + checked);
  }

  @Test
  void sharedEstimatorsAndEstimatesAreSafeFromManyThreads() throws Exception {
    Profiles profiles = load();
    List<Profile> list = List.copyOf(profiles.profiles());
    List<List<Result>> expected = singleThreaded(profiles);
    // one estimator per (profile, network), built here and shared by every thread
    List<List<Estimator>> estimators = new ArrayList<>();
    for (Profile p : list) {
      List<Estimator> row = new ArrayList<>();
      for (Network n : networks) row.add(p.estimator(n));
      estimators.add(row);
    }
    for (int round = 0; round < 5; round++) {
      // estimates made here whose layers() nobody has asked for yet: the first calls race
      List<List<Estimate>> fresh = new ArrayList<>();
      for (int p = 0; p < list.size(); p++) {
        List<Estimate> row = new ArrayList<>();
        for (int n = 0; n < networks.size(); n++) row.add(estimators.get(p).get(n).estimate(workloads.get(n)));
        fresh.add(row);
      }
      CountDownLatch start = new CountDownLatch(1);
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS * 4; t++) {
        int offset = t;
        tasks.add(() -> {
          start.await();
          int checked = 0;
          for (int i = 0; i < list.size() * networks.size(); i++) {
            int cell = (i + offset * 31) % (list.size() * networks.size());
            int p = cell / networks.size();
            int n = cell % networks.size();
            assertEquals(expected.get(p).get(n).layers(), fresh.get(p).get(n).layers());
            assertEquals(expected.get(p).get(n), Result.of(estimators.get(p).get(n).estimate(workloads.get(n))));
            checked++;
          }
          return checked;
        });
      }
      assertEquals(THREADS * 4 * list.size() * networks.size(), runAll(tasks, start));
    }
  }

  /** Submits every task, releases them at once, and sums their results (rethrowing any failure). */
  private int runAll(List<Callable<Integer>> tasks, CountDownLatch start) throws Exception {
    List<Future<Integer>> futures = new ArrayList<>();
    for (Callable<Integer> task : tasks) futures.add(pool.submit(task));
    start.countDown();
    int total = 0;
    for (Future<Integer> f : futures) {
      try {
        total += f.get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof Error error) throw error;
        throw e;
      }
    }
    return total;
  }
}
