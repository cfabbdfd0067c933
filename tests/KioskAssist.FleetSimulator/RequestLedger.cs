using System.Collections.Concurrent;

namespace KioskAssist.FleetSimulator;

/// <summary>Every request of a run by id, shared by the simulated kiosks and agents of one process. Thread-safe.</summary>
public sealed class RequestLedger
{
    private readonly ConcurrentDictionary<string, RequestRecord> _records = new(StringComparer.Ordinal);

    public void Add(RequestRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_records.TryAdd(record.Id, record))
        {
            throw new InvalidOperationException($"request id {record.Id} used twice");
        }
    }

    /// <summary>The record of a request id this run created; false for anything else on the broker.</summary>
    public bool TryGet(string id, out RequestRecord record) => _records.TryGetValue(id, out record!);

    public IReadOnlyList<RequestRecord> All => [.. _records.Values];
}
