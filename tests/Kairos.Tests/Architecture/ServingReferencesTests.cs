using Kairos.Server;
using Kairos.Serving;

namespace Kairos.Tests.Architecture;

/// <summary>The decision engine holds no web hosting: ASP.NET Core stays in Kairos.Server.</summary>
public sealed class ServingReferencesTests
{
    [Fact]
    public void ServingAssembly_ReferencesNoWebOrActorAssemblies() =>
        Assert.Empty(CoreReferences.Forbidden(typeof(DecisionEngine).Assembly));

    [Fact]
    public void ServerAssembly_ReferencesAspNetCore_SoTheCheckCanFail() =>
        Assert.Contains(CoreReferences.Forbidden(typeof(KairosServer).Assembly), r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
}
