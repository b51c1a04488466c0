using System.Globalization;
using System.Text;
using Matcher.Metrics;

namespace Matcher.Server;

/// <summary>Writes metrics in the Prometheus text exposition format (version 0.0.4).</summary>
public sealed class PrometheusText
{
    /// <summary>The Content-Type of the format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _described = new(StringComparer.Ordinal);

    /// <summary>Starts a metric family: its HELP and TYPE lines, once per name.</summary>
    public PrometheusText Family(string name, string type, string help)
    {
        if (_described.Add(name))
        {
            _text.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
            _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        }

        return this;
    }

    /// <summary>One sample, with label pairs (name, value, name, value, …).</summary>
    public PrometheusText Sample(string name, double value, params string[] labels)
    {
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{');
            for (var i = 0; i + 1 < labels.Length; i += 2)
            {
                if (i > 0)
                {
                    _text.Append(',');
                }

                _text.Append(labels[i]).Append("=\"").Append(Escape(labels[i + 1])).Append('"');
            }

            _text.Append('}');
        }

        _text.Append(' ').Append(Format(value)).Append('\n');
        return this;
    }

    /// <summary>A gauge family with one unlabelled sample.</summary>
    public PrometheusText Gauge(string name, string help, double value) => Family(name, "gauge", help).Sample(name, value);

    /// <summary>A counter family with one unlabelled sample.</summary>
    public PrometheusText Counter(string name, string help, double value) => Family(name, "counter", help).Sample(name, value);

    /// <summary>
    /// A histogram as a Prometheus summary: the 0.5, 0.9, 0.99, 0.999 quantiles and max,
    /// plus count and sum, each value divided by <paramref name="divisor"/> (e.g. ns → s).
    /// </summary>
    public PrometheusText Summary(string name, string help, LatencyHistogram histogram, double divisor = 1)
    {
        Family(name, "summary", help);
        foreach (var q in (ReadOnlySpan<double>)[0.5, 0.9, 0.99, 0.999])
        {
            Sample(name, histogram.TotalCount == 0 ? 0 : histogram.ValueAtPercentile(q * 100) / divisor, "quantile", Format(q));
        }

        Sample(name, histogram.Max / divisor, "quantile", "1");
        Sample(name + "_sum", histogram.Mean * histogram.TotalCount / divisor);
        Sample(name + "_count", histogram.TotalCount);
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => _text.ToString();

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
