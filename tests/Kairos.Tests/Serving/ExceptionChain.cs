namespace Kairos.Tests.Serving;

internal static class ExceptionChain
{
    /// <summary>The exception and its inner exceptions, outermost first.</summary>
    public static IEnumerable<Exception> Of(Exception? e)
    {
        for (; e is not null; e = e.InnerException) yield return e;
    }
}
