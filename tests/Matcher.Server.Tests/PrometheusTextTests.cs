using Matcher.Metrics;

namespace Matcher.Server.Tests;

public class PrometheusTextTests
{
    [Test]
    public void Family_WrittenTwice_DescribedOnce()
    {
        var text = new PrometheusText()
            .Family("m_total", "counter", "Things.").Sample("m_total", 1, "a", "x")
            .Family("m_total", "counter", "Things.").Sample("m_total", 2, "a", "y")
            .ToString();

        Assert.That(text, Is.EqualTo("# HELP m_total Things.\n# TYPE m_total counter\nm_total{a=\"x\"} 1\nm_total{a=\"y\"} 2\n"));
    }

    [Test]
    public void Sample_LabelValue_IsEscaped()
    {
        var text = new PrometheusText().Sample("m", 0.5, "session", "a\"b\\c\nd").ToString();

        Assert.That(text, Is.EqualTo("m{session=\"a\\\"b\\\\c\\nd\"} 0.5\n"));
    }

    [Test]
    public void Summary_Histogram_GivesQuantilesCountAndSum()
    {
        var histogram = new LatencyHistogram(1_000_000);
        for (var i = 1; i <= 100; i++)
        {
            histogram.Record(i * 1000);
        }

        var text = new PrometheusText().Summary("lat_seconds", "Latency.", histogram, 1e6).ToString();

        Assert.That(text, Does.Contain("# TYPE lat_seconds summary\n"));
        Assert.That(text, Does.Contain("lat_seconds_count 100\n"));
        Assert.That(text, Does.Match(@"lat_seconds\{quantile=""0\.5""\} 0\.0(49|50)\d*\n"));
        Assert.That(text, Does.Match(@"lat_seconds_sum 5\.05\d*\n"));
    }
}
