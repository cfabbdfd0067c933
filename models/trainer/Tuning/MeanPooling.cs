namespace KioskAssist.Trainer.Tuning;

/// <summary>
/// Mean of the unpadded token vectors, scaled to unit length: how the kiosk turns MiniLM's token vectors into the
/// sentence vector (<see cref="Intent.Encoders.SentenceEncoder"/>), with its gradient.
/// </summary>
internal static class MeanPooling
{
    /// <summary>Unit-length sentence vectors [batch × D] and, per sentence, the length before scaling.</summary>
    public static (float[] Vectors, float[] Lengths) Forward(float[] hidden, float[] mask, int batch, int tokens, int d)
    {
        var vectors = new float[batch * d];
        var lengths = new float[batch];
        for (var b = 0; b < batch; b++)
        {
            var vector = vectors.AsSpan(b * d, d);
            var count = 0f;
            for (var t = 0; t < tokens; t++)
            {
                if (mask[(b * tokens) + t] > 0)
                {
                    Gemm.AddScaled(vector, hidden.AsSpan(((b * tokens) + t) * d, d), 1f);
                    count++;
                }
            }

            var sumOfSquares = 0f;
            for (var j = 0; j < d; j++)
            {
                vector[j] /= count;
                sumOfSquares += vector[j] * vector[j];
            }

            lengths[b] = MathF.Sqrt(sumOfSquares);
            for (var j = 0; j < d; j++)
            {
                vector[j] /= lengths[b];
            }
        }

        return (vectors, lengths);
    }

    /// <summary>The token vectors' gradient [batch × tokens × D] from the unit vectors' gradient.</summary>
    public static float[] Backward(float[] vectorGradient, float[] vectors, float[] lengths, float[] mask, int batch, int tokens, int d)
    {
        var hiddenGradient = new float[batch * tokens * d];
        var dMean = new float[d];
        for (var b = 0; b < batch; b++)
        {
            var e = vectors.AsSpan(b * d, d);
            var de = vectorGradient.AsSpan(b * d, d);
            var along = 0f;
            var count = 0f;
            for (var j = 0; j < d; j++)
            {
                along += de[j] * e[j];
            }

            for (var t = 0; t < tokens; t++)
            {
                count += mask[(b * tokens) + t] > 0 ? 1 : 0;
            }

            for (var j = 0; j < d; j++)
            {
                dMean[j] = (de[j] - (e[j] * along)) / lengths[b] / count;
            }

            for (var t = 0; t < tokens; t++)
            {
                if (mask[(b * tokens) + t] > 0)
                {
                    dMean.CopyTo(hiddenGradient.AsSpan(((b * tokens) + t) * d, d));
                }
            }
        }

        return hiddenGradient;
    }
}
