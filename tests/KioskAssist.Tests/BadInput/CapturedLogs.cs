using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace KioskAssist.Tests.BadInput;

/// <summary>
/// A logger provider that keeps every entry a running host writes (after the host's own level filters), so a test
/// can count the log lines a behaviour produced. Add it to a started host with <c>ILoggerFactory.AddProvider</c>.
/// </summary>
/// <remarks>Thread-safe. The logger factory that it is added to disposes it.</remarks>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public sealed record Entry(string Category, LogLevel Level, EventId EventId, string Message);

    public IReadOnlyList<Entry> Entries => [.. _entries];

    /// <summary>Entries with this event id from a category ending in <paramref name="categorySuffix"/> (a class name).</summary>
    public int Count(string categorySuffix, int eventId) =>
        _entries.Count(e => e.EventId.Id == eventId && e.Category.EndsWith(categorySuffix, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new Entry(category, logLevel, eventId, formatter(state, exception)));
    }
}
