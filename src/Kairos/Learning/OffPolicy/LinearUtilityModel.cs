using Kairos.Data.AdLogs;
using Kairos.PointProcesses;
using MathNet.Numerics.LinearAlgebra;

namespace Kairos.Learning.OffPolicy;

/// <summary>
/// A simple fitted direct method for <see cref="IUtilityModel"/>: ridge least squares of the logged utility-to-go
/// (conversion value after the opportunity minus the costs of the decisions from it on) on features of the history
/// before the opportunity — remaining fraction of the window, exponentially decayed count of past ads (τ =
/// <see cref="FatigueScale"/>) — each also crossed with the one-hot decision. It estimates the logging policy's
/// Q-function, which is enough for doubly robust estimates to stay unbiased; a better model (the learned user model)
/// only narrows their intervals.
/// </summary>
public sealed class LinearUtilityModel : IUtilityModel
{
    public const double FatigueScale = 4;
    private readonly double[] _beta;
    private readonly int _choices;

    private LinearUtilityModel(double[] beta, int choices) => (_beta, _choices) = (beta, choices);

    private static int Size(int choices) => 3 + 3 * choices;

    /// <summary>Fits on every logged decision of <paramref name="log"/> with ridge penalty <paramref name="ridge"/> per row.</summary>
    public static LinearUtilityModel Fit(AdLogSet log, double ridge = 1e-3)
    {
        int choices = log.AdCount + 1, p = Size(choices);
        var xtx = Matrix<double>.Build.Dense(p, p);
        var xty = Vector<double>.Build.Dense(p);
        var x = new double[p];
        long rows = 0;
        int conversion = log.Names.ConversionMark;
        foreach (var user in log.Users)
        {
            var toGo = UtilityToGo(user, conversion);
            for (int k = 0; k < user.Decisions.Count; k++)
            {
                Features(user, k, user.DecisionMark(k), choices, x);
                for (int i = 0; i < p; i++)
                {
                    xty[i] += x[i] * toGo[k];
                    for (int j = 0; j < p; j++) xtx[i, j] += x[i] * x[j];
                }
                rows++;
            }
        }
        for (int i = 0; i < p; i++) xtx[i, i] += ridge * Math.Max(1, rows);
        return new LinearUtilityModel(xtx.Solve(xty).ToArray(), choices);
    }

    public double ExpectedUtility(AdUserLog user, int decisionIndex, int decision)
    {
        Span<double> x = stackalloc double[_beta.Length];
        Features(user, decisionIndex, decision, _choices, x);
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += x[i] * _beta[i];
        return s;
    }

    /// <summary>Per decision k: conversion value after it minus the costs of decisions k, k+1, ….</summary>
    public static double[] UtilityToGo(AdUserLog user, int conversionMark)
    {
        var toGo = new double[user.Decisions.Count];
        double acc = 0;
        int k = user.Decisions.Count - 1;
        for (int i = user.Events.Count - 1; i >= 0; i--)
        {
            var e = user.Events[i];
            if (e.Kind == EventKind.Feedback && e.Mark == conversionMark) acc += e.Value ?? 0;
            else if (e.Kind == EventKind.Action) { acc -= e.Value ?? 0; toGo[k--] = acc; }
        }
        return toGo;
    }

    private static void Features(AdUserLog user, int k, int decision, int choices, Span<double> x)
    {
        int at = user.Decisions[k];
        double t = user.Events[at].Time, fatigue = 0;
        for (int i = 0; i < at; i++)
            if (user.Events[i] is { Kind: EventKind.Action, Mark: > 0 } a) fatigue += Math.Exp(-(t - a.Time) / FatigueScale);
        double remaining = (user.Window.End - t) / user.Window.Duration;
        x.Clear();
        x[0] = 1;
        x[1] = remaining;
        x[2] = fatigue;
        int d = Math.Clamp(decision, 0, choices - 1);
        x[3 + 3 * d] = 1;
        x[4 + 3 * d] = remaining;
        x[5 + 3 * d] = fatigue;
    }
}
