namespace Kairos.PointProcesses;

/// <summary>One named parameter of a <see cref="PointProcessFamilySpec"/>: its <c>--param</c> name, symbol, default
/// (null when required) and a description with range and unit.</summary>
public sealed record PointProcessParameter(string Name, string Symbol, double? Default, string Description);
