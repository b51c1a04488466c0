namespace Matcher.Core.Book;

/// <summary>
/// A stack of reusable objects: after warm-up, taking and returning allocate nothing.
/// Grows by allocating only when empty.
/// </summary>
internal sealed class Pool<T>
    where T : class, new()
{
    private T[] _items;
    private int _count;

    public Pool(int initialCount)
    {
        _items = new T[Math.Max(initialCount, 16)];
        for (var i = 0; i < initialCount; i++)
        {
            _items[i] = new T();
        }

        _count = initialCount;
    }

    public T Take() => _count > 0 ? _items[--_count] : new T();

    public void Return(T item)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_count++] = item;
    }
}
