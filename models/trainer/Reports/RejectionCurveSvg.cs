using System.Globalization;
using System.Text;

namespace KioskAssist.Trainer.Reports;

/// <summary>
/// Accuracy against rejection rate as a self-contained SVG line chart: x is the share of questions handed to a person,
/// y the accuracy of the answers given, the benchmark's in-scope accuracy and the out-of-scope recall; the model's
/// own threshold is marked.
/// </summary>
public static class RejectionCurveSvg
{
    private const int Width = 640, Height = 400, Left = 60, Right = 170, Top = 20, Bottom = 50;

    public static string Render(IReadOnlyList<RejectionPoint> curve, RejectionPoint current)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(current);
        var c = CultureInfo.InvariantCulture;
        var svg = new StringBuilder();
        svg.Append(c, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.Append("<title>Accuracy against rejection rate as the threshold moves</title>");
        svg.Append(c, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>");
        for (var tick = 0; tick <= 10; tick++)
        {
            var v = tick / 10.0;
            svg.Append(c, $"<line x1=\"{X(v):F1}\" y1=\"{Top}\" x2=\"{X(v):F1}\" y2=\"{Height - Bottom}\" stroke=\"#eee\"/>");
            svg.Append(c, $"<line x1=\"{Left}\" y1=\"{Y(v):F1}\" x2=\"{Width - Right}\" y2=\"{Y(v):F1}\" stroke=\"#eee\"/>");
            svg.Append(c, $"<text x=\"{X(v):F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{v * 100:F0}%</text>");
            svg.Append(c, $"<text x=\"{Left - 6}\" y=\"{Y(v) + 4:F1}\" text-anchor=\"end\">{v * 100:F0}%</text>");
        }

        svg.Append(c, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 10}\" text-anchor=\"middle\">share of questions rejected (handed to a person)</text>");
        svg.Append(c, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"none\" stroke=\"#999\"/>");
        Series(svg, curve, p => p.AnsweredAccuracy, "#1f77b4", "accuracy of answers", 0);
        Series(svg, curve, p => p.InScopeAccuracy, "#2ca02c", "in-scope accuracy", 1);
        Series(svg, curve, p => p.OutOfScopeRecall, "#d62728", "out-of-scope recall", 2);
        svg.Append(c, $"<line x1=\"{X(current.RejectionRate):F1}\" y1=\"{Top}\" x2=\"{X(current.RejectionRate):F1}\" y2=\"{Height - Bottom}\" stroke=\"#333\" stroke-dasharray=\"4 3\"/>");
        svg.Append(c, $"<text x=\"{Width - Right + 10}\" y=\"{Top + 80}\">- - model threshold</text>");
        svg.Append(c, $"<text x=\"{Width - Right + 10}\" y=\"{Top + 96}\">  {current.Threshold:F3}</text>");
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Series(StringBuilder svg, IReadOnlyList<RejectionPoint> curve, Func<RejectionPoint, double> value, string colour, string name, int row)
    {
        var c = CultureInfo.InvariantCulture;
        var points = curve.Where(p => !double.IsNaN(value(p))).Select(p => string.Create(c, $"{X(p.RejectionRate):F1},{Y(value(p)):F1}")).ToArray();
        if (points.Length == 0)
        {
            return;
        }

        svg.Append(c, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{string.Join(' ', points)}\"/>");
        svg.Append(c, $"<line x1=\"{Width - Right + 10}\" y1=\"{Top + 10 + (row * 18)}\" x2=\"{Width - Right + 30}\" y2=\"{Top + 10 + (row * 18)}\" stroke=\"{colour}\" stroke-width=\"2\"/>");
        svg.Append(c, $"<text x=\"{Width - Right + 34}\" y=\"{Top + 14 + (row * 18)}\">{name}</text>");
    }

    private static double X(double share) => Left + (share * (Width - Left - Right));

    private static double Y(double share) => Height - Bottom - (share * (Height - Top - Bottom));
}
