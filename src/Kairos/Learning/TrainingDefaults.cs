namespace Kairos.Learning;

/// <summary>
/// How `kairos train` trains a TPPRL policy on a scenario unless options override it, and how `kairos evaluate`
/// compares learned policies there (<see cref="Kairos.Scenarios.IScenario.TrainingDefaults"/>).
/// </summary>
/// <param name="Options">Trainer settings (iterations, batch, learning rate, regularizers, reward metric, …).</param>
/// <param name="Hidden">RNN state units H.</param>
/// <param name="InitialRate">Near-Poisson start at this many actions per time unit (see
/// <see cref="Kairos.Neural.TpprlInitializer"/>), or null for the authors' initialisation.</param>
/// <param name="MatchBaselines">When true, `evaluate` tunes every baseline to the first learned policy's mean
/// number of actions unless a budget is given (TPPRL's protocol).</param>
public sealed record TrainingDefaults(TrainerOptions Options, int Hidden = 8, double? InitialRate = null,
    bool MatchBaselines = false);
