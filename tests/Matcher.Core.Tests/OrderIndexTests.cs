using Matcher.Core.Book;

namespace Matcher.Core.Tests;

public class OrderIndexTests
{
    [Test]
    public void AddRemoveLookup_AgreeWithADictionary_ThroughCollisionsAndGrowth()
    {
        var index = new OrderIndex(8);
        var reference = new Dictionary<long, Order>();
        var random = new Random(5);
        for (var step = 0; step < 20_000; step++)
        {
            // Ids that collide modulo every table size, and runs that wrap the table's end.
            var id = random.Next(3) == 0 ? random.Next(1, 200) * 1024L : random.Next(1, 3_000);
            if (reference.Remove(id, out var existing))
            {
                index.Remove(existing);
            }
            else
            {
                var order = new Order { Id = id };
                reference.Add(id, order);
                index.Add(order);
            }

            var probe = random.Next(1, 3_000);
            Assert.That(index.TryGetValue(probe, out var found), Is.EqualTo(reference.TryGetValue(probe, out var expected)));
            Assert.That(found, Is.SameAs(expected));
        }

        Assert.That(index.Count, Is.EqualTo(reference.Count));
        foreach (var (id, order) in reference)
        {
            Assert.That(index.TryGetValue(id, out var found) && found == order, Is.True, $"order {id}");
        }
    }
}
