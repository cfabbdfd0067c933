using KioskAssist.FirmwareHost.Model;
using KioskAssist.Intent;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Integration;

/// <summary>The model holder a rollout swaps, with the real model: questions in flight keep their model while others get the new one.</summary>
[Trait("Category", "Integration")]
public sealed class ActiveModelTests
{
    [Fact]
    public void A_replaced_model_keeps_answering_the_question_that_holds_it_while_new_questions_get_the_new_model()
    {
        var first = IntentModel.Load(RepoPaths.CheckoutModel);
        using var active = new ActiveModel(first, "shipped");
        var lease = active.Acquire();

        active.Replace(IntentModel.Load(RepoPaths.CheckoutModel), "r1");

        Assert.Equal("r1", active.Source);
        Assert.Same(first, lease.Model);
        Assert.Equal("card_declined", lease.Model.Predict("my card was declined").Intent);
        // (Predicting with it now would be a use after dispose: ONNX Runtime crashes the process, which is what leases prevent.)
        lease.Dispose();
        using var next = active.Acquire();
        Assert.NotSame(first, next.Model);
        Assert.Equal("card_declined", next.Model.Predict("my card was declined").Intent);
    }

    [Fact]
    public async Task Questions_asked_while_models_are_swapped_all_get_answers()
    {
        using var active = new ActiveModel(IntentModel.Load(RepoPaths.CheckoutModel), "shipped");
        using var stop = new CancellationTokenSource();
        var answered = 0;
        var askers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var lease = active.Acquire();
                Assert.Equal("card_declined", lease.Model.Predict("my card was declined").Intent);
                Interlocked.Increment(ref answered);
            }
        }, TestContext.Current.CancellationToken)).ToList();

        // Swap only once the askers are answering, and stop only once they answered after the last swap: on a loaded
        // machine the thread pool may start them late, and a test where nobody asked during the swaps proves nothing.
        await Eventually.TrueAsync(() => Volatile.Read(ref answered) > 0, "the askers are answering");
        for (var i = 0; i < 3; i++)
        {
            active.Replace(IntentModel.Load(RepoPaths.CheckoutModel), $"r{i}");
        }

        var afterSwaps = Volatile.Read(ref answered);
        await Eventually.TrueAsync(() => Volatile.Read(ref answered) > afterSwaps + 10, "answers after the last swap");
        await stop.CancelAsync();
        await Task.WhenAll(askers);
        Assert.True(answered > 0);
    }
}
