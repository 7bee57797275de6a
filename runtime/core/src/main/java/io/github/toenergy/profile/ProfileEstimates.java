package io.github.toenergy.profile;

import io.github.toenergy.cost.CountTable;
import io.github.toenergy.energy.Estimate;
import io.github.toenergy.energy.Estimator;
import io.github.toenergy.energy.Workload;
import org.jspecify.annotations.Nullable;

/**
 * The estimates of one network, counted before (a {@link CountTable}), on one profile named by id:
 * what a generated class offers per profile, e.g. {@code Vgg11Energy.XeonGold5120.inference(1)}.
 * The profile is looked up with {@link Profiles#get(String)} on the first estimate, so it is the
 * profile found at run time (a refitted one included) whose coefficients apply to the compiled
 * counts, and a profile missing at run time fails only its own estimates. Thread-safe.
 */
public final class ProfileEstimates {
  private final String profileId;
  private final CountTable counts;
  private volatile @Nullable Estimator estimator;

  private ProfileEstimates(String profileId, CountTable counts) {
    this.profileId = profileId;
    this.counts = counts;
  }

  /** The estimates of {@code counts} on the profile {@code profileId}, looked up on first use. */
  public static ProfileEstimates of(String profileId, CountTable counts) {
    return new ProfileEstimates(profileId, counts);
  }

  /** The profile's id. */
  public String profileId() {
    return profileId;
  }

  /**
   * The profile's estimator of the counts, built on first use.
   *
   * @throws IllegalArgumentException when no profile on the class path has this id
   * @throws ProfileException when the profiles on the class path cannot be loaded
   */
  public Estimator estimator() {
    Estimator built = estimator;
    if (built == null) {
      Profile profile;
      try {
        profile = Profiles.get(profileId);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(counts.networkName() + " was compiled with " + e.getMessage()
            + " (add its jar, or its folder with -D" + Profiles.PATH_PROPERTY + ")", e);
      }
      built = profile.estimator(counts);
      estimator = built; // a race builds two equal estimators, never a wrong one
    }
    return built;
  }

  /** One forward pass of {@code batch} samples. */
  public Estimate inference(int batch) {
    return estimate(Workload.inference(batch));
  }

  /** One training step: forward pass, backward pass and update. */
  public Estimate training(int batch) {
    return estimate(Workload.trainingStep(batch));
  }

  /** A training run of {@code batches} steps, with any per-run overhead. */
  public Estimate trainingRun(int batch, long batches) {
    return estimate(Workload.trainingRun(batch, batches));
  }

  /**
   * The prefill of {@code batch} sequences of {@code prompt} positions: a decoder's forward pass over
   * the prompt, counted when asked (the lengths are the workload's, not the compiled input's).
   */
  public Estimate prefill(int batch, int prompt) {
    return estimate(Workload.prefill(batch, prompt));
  }

  /**
   * The decode of {@code tokens} tokens for each of {@code batch} sequences after a prompt of {@code prompt}
   * positions, on one GPU; {@link Estimate#joulesPerToken()} gives joules per generated token. Use
   * {@link #estimate(Workload)} with {@link Workload#withGpus} or {@link Workload#withPrecision} for more.
   *
   * @throws io.github.toenergy.model.InvalidNetworkException when the network cannot decode, naming the layer
   */
  public Estimate decode(int batch, int prompt, int tokens) {
    return estimate(Workload.decode(batch, prompt, tokens));
  }

  /** Joules per generated token of {@link #decode(int, int, int)}. */
  public double joulesPerToken(int batch, int prompt, int tokens) {
    return decode(batch, prompt, tokens).joulesPerToken();
  }

  /** Any workload of this network on this profile. */
  public Estimate estimate(Workload workload) {
    return estimator().estimate(workload);
  }
}
