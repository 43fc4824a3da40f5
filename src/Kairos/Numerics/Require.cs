namespace Kairos.Numerics;

/// <summary>Argument guards that reject NaN and infinities (the BCL's ThrowIfNegativeOrZero lets +∞ through).
/// Every message names the parameter, its value and the allowed range.</summary>
public static class Require
{
    public static double Finite(double value, string name) =>
        double.IsFinite(value) ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number, got {Fmt(value)}.");

    public static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0 ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and > 0, got {Fmt(value)}.");

    public static double NonNegative(double value, string name) =>
        double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and >= 0, got {Fmt(value)}.");

    public static double Probability(double value, string name) =>
        value is >= 0 and <= 1 ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [0, 1], got {Fmt(value)}.");

    public static double InRange(double value, double lo, double hi, string name) =>
        value >= lo && value <= hi ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [{Fmt(lo)}, {Fmt(hi)}], got {Fmt(value)}.");

    public static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be > 0, got {value}.");

    public static int NonNegative(int value, string name) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be >= 0, got {value}.");

    internal static string Fmt(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
