using KioskAssist.Intent;

namespace KioskAssist.FirmwareHost.Model;

/// <summary>
/// The model the kiosk answers with now. A rollout replaces it while shoppers keep asking: a question takes a
/// <see cref="Lease"/> for the length of one prediction, and a replaced model is disposed when its last lease ends.
/// </summary>
/// <remarks>Thread-safe. Owns (disposes) every model given to it.</remarks>
public sealed class ActiveModel : IDisposable
{
    private Holder _current;

    public ActiveModel(IntentModel initial, string source)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _current = new Holder(initial, source);
    }

    /// <summary>The active model's version (also readable while a swap is under way).</summary>
    public string Version => Volatile.Read(ref _current).Version;

    /// <summary>Where the active model was loaded from: <c>shipped</c>, or the rollout id it came with.</summary>
    public string Source => Volatile.Read(ref _current).Source;

    /// <summary>Borrows the active model; dispose the lease when the prediction is done (it must not outlive it).</summary>
    public Lease Acquire()
    {
        while (true)
        {
            var holder = Volatile.Read(ref _current);
            if (holder.TryRetain())
            {
                return new Lease(holder);
            }

            // Replaced and released between the read and the retain: the next read sees the new one.
        }
    }

    /// <summary>Makes <paramref name="next"/> the active model; the previous one is disposed once no question holds it.</summary>
    public void Replace(IntentModel next, string source)
    {
        ArgumentNullException.ThrowIfNull(next);
        var previous = Interlocked.Exchange(ref _current, new Holder(next, source));
        previous.Release();
    }

    public void Dispose() => Volatile.Read(ref _current).Release();

    /// <summary>One borrowed model. A struct so asking a question allocates nothing.</summary>
    public readonly struct Lease : IDisposable
    {
        private readonly Holder _holder;

        internal Lease(Holder holder) => _holder = holder;

        public IntentModel Model => _holder.Model;

        public void Dispose() => _holder?.Release();
    }

    /// <summary>A model and its reference count; the count starts at 1 for being active and reaches 0 only after it was replaced.</summary>
    internal sealed class Holder(IntentModel model, string source)
    {
        private int _references = 1;

        public IntentModel Model { get; } = model;

        public string Version { get; } = model.Version;

        public string Source { get; } = source;

        public bool TryRetain()
        {
            var count = Volatile.Read(ref _references);
            while (count > 0)
            {
                var seen = Interlocked.CompareExchange(ref _references, count + 1, count);
                if (seen == count)
                {
                    return true;
                }

                count = seen;
            }

            return false;
        }

        public void Release()
        {
            if (Interlocked.Decrement(ref _references) == 0)
            {
                Model.Dispose();
            }
        }
    }
}
