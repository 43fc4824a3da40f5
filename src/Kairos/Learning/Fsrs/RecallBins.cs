namespace Kairos.Learning.Fsrs;

/// <summary>
/// The bins of fsrs-rs's RMSE(bins) (dataset.rs <c>r_matrix_index</c>, used by srs-benchmark): for a review after
/// Δt days, with n long-term reviews of the card so far (this one included) and l earlier long-term lapses,
/// Δt bin = round(2.48·3.62^⌊log_3.62 Δt⌋·100), length bin = round(1.99·1.89^⌊log_1.89(n + 1)⌋),
/// lapse bin = round(1.65·1.73^⌊log_1.73 l⌋), or 0 when l = 0.
/// </summary>
public static class RecallBins
{
    public static (int Delta, int Length, int Lapses) Of(double elapsedDays, int longTermReviews, int lapses) =>
        ((int)Math.Round(2.48 * Math.Pow(3.62, Math.Floor(Math.Log(elapsedDays) / Math.Log(3.62))) * 100),
         (int)Math.Round(1.99 * Math.Pow(1.89, Math.Floor(Math.Log(longTermReviews + 1.0) / Math.Log(1.89)))),
         lapses == 0 ? 0 : (int)Math.Round(1.65 * Math.Pow(1.73, Math.Floor(Math.Log(lapses) / Math.Log(1.73)))));
}
