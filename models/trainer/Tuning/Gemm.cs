using System.Numerics;

namespace KioskAssist.Trainer.Tuning;

/// <summary>
/// Dense row-major matrix products for fine-tuning, on all cores. Every output element is summed over k in the same
/// order with separate multiplies and adds (no fused multiply-add, no split sums), so results do not depend on the
/// machine's vector width or thread count: the same run gives the same bytes.
/// </summary>
internal static class Gemm
{
    private const int RowsPerTask = 16;

    /// <summary>C[m×n] = A[m×k] · B[k×n] (+ C when <paramref name="accumulate"/>).</summary>
    public static void Multiply(float[] a, float[] b, float[] c, int m, int k, int n, bool accumulate = false)
    {
        Parallel.For(0, (m + RowsPerTask - 1) / RowsPerTask, task =>
        {
            var end = Math.Min(m, (task + 1) * RowsPerTask);
            var i = task * RowsPerTask;
            if (!accumulate)
            {
                c.AsSpan(i * n, (end - i) * n).Clear();
            }

            // Four rows of C at a time share each load of a row of B: the product is bound by reading B.
            for (; i + 4 <= end; i += 4)
            {
                for (var p = 0; p < k; p++)
                {
                    AddScaled4(c.AsSpan(i * n, 4 * n), b.AsSpan(p * n, n), a[(i * k) + p], a[((i + 1) * k) + p], a[((i + 2) * k) + p], a[((i + 3) * k) + p]);
                }
            }

            for (; i < end; i++)
            {
                for (var p = 0; p < k; p++)
                {
                    AddScaled(c.AsSpan(i * n, n), b.AsSpan(p * n, n), a[(i * k) + p]);
                }
            }
        });
    }

    /// <summary>Row r of the four consecutive rows in <paramref name="rows"/> += x · scale r.</summary>
    private static void AddScaled4(Span<float> rows, ReadOnlySpan<float> x, float s0, float s1, float s2, float s3)
    {
        var n = x.Length;
        var r0 = rows[..n];
        var r1 = rows.Slice(n, n);
        var r2 = rows.Slice(2 * n, n);
        var r3 = rows.Slice(3 * n, n);
        var j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var (v0, v1, v2, v3) = (new Vector<float>(s0), new Vector<float>(s1), new Vector<float>(s2), new Vector<float>(s3));
            for (; j <= n - Vector<float>.Count; j += Vector<float>.Count)
            {
                var xj = new Vector<float>(x[j..]);
                (new Vector<float>(r0[j..]) + (xj * v0)).CopyTo(r0[j..]);
                (new Vector<float>(r1[j..]) + (xj * v1)).CopyTo(r1[j..]);
                (new Vector<float>(r2[j..]) + (xj * v2)).CopyTo(r2[j..]);
                (new Vector<float>(r3[j..]) + (xj * v3)).CopyTo(r3[j..]);
            }
        }

        for (; j < n; j++)
        {
            r0[j] += x[j] * s0;
            r1[j] += x[j] * s1;
            r2[j] += x[j] * s2;
            r3[j] += x[j] * s3;
        }
    }

    /// <summary>C[m×n] = A[m×k] · B[n×k]ᵀ.</summary>
    public static void MultiplyTransposedB(float[] a, float[] b, float[] c, int m, int k, int n) =>
        Multiply(a, Transpose(b, n, k), c, m, k, n);

    /// <summary>C[k×n] = A[m×k]ᵀ · B[m×n] (+ C when <paramref name="accumulate"/>): a weight's gradient.</summary>
    public static void MultiplyTransposedA(float[] a, float[] b, float[] c, int m, int k, int n, bool accumulate = false) =>
        Multiply(Transpose(a, m, k), b, c, k, m, n, accumulate);

    /// <summary>The [cols×rows] transpose of a [rows×cols] matrix.</summary>
    public static float[] Transpose(float[] a, int rows, int cols)
    {
        var t = new float[a.Length];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                t[(j * rows) + i] = a[(i * cols) + j];
            }
        }

        return t;
    }

    /// <summary>Sums the rows of a [rows×cols] matrix into <paramref name="sums"/> (a bias's gradient).</summary>
    public static void AddColumnSums(float[] a, int rows, int cols, float[] sums)
    {
        for (var i = 0; i < rows; i++)
        {
            AddScaled(sums, a.AsSpan(i * cols, cols), 1f);
        }
    }

    /// <summary>y += x · scale, element by element.</summary>
    public static void AddScaled(Span<float> y, ReadOnlySpan<float> x, float scale)
    {
        var j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var s = new Vector<float>(scale);
            for (; j <= y.Length - Vector<float>.Count; j += Vector<float>.Count)
            {
                var product = new Vector<float>(x[j..]) * s;
                (new Vector<float>(y[j..]) + product).CopyTo(y[j..]);
            }
        }

        for (; j < y.Length; j++)
        {
            y[j] += x[j] * scale;
        }
    }
}
