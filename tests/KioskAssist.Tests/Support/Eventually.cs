using System.Runtime.CompilerServices;

namespace KioskAssist.Tests.Support;

/// <summary>Waits for something that arrives through the broker, with a deadline instead of a fixed sleep.</summary>
public static class Eventually
{
    /// <param name="what">Said in the failure; by default the condition's own source text.</param>
    public static async Task TrueAsync(
        Func<bool> condition, string? what = null, int timeoutMs = 20_000, [CallerArgumentExpression(nameof(condition))] string expression = "")
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what ?? expression}.");
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits until <paramref name="probe"/> returns a value, and returns it.</summary>
    public static async Task<T> ValueAsync<T>(
        Func<T?> probe, int timeoutMs = 20_000, [CallerArgumentExpression(nameof(probe))] string expression = "") where T : class
    {
        T? value = null;
        await TrueAsync(() => (value = probe()) is not null, null, timeoutMs, expression);
        return value!;
    }
}
