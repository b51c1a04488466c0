using System.Globalization;
using System.Text;
using Matcher.Core.Commands;

namespace Matcher.Cli.Sim;

/// <summary>
/// The simulator's names for the core's enums: the member name in snake_case
/// (<c>PostOnlyWouldTake</c> is "post_only_would_take"), except time in force, which uses
/// the usual short codes "gtc", "ioc", "fok" and "gtd". Derived from the member names, so
/// a member the core adds gets a name without a change here.
/// </summary>
/// <typeparam name="T">A core enum.</typeparam>
internal static class EnumNames<T>
    where T : struct, Enum
{
    private static readonly Dictionary<T, string> _names = [];
    private static readonly Dictionary<string, T> _values = new(StringComparer.Ordinal);

    static EnumNames()
    {
        foreach (var value in Enum.GetValues<T>())
        {
            var name = NameOf(value);
            _names.Add(value, name);
            _values.Add(name, value);
        }
    }

    /// <summary>Every member, in value order.</summary>
    public static IEnumerable<T> Values => _names.Keys;

    /// <summary>The name of <paramref name="value"/>; a number for a value the enum does not define.</summary>
    public static string Name(T value) =>
        _names.TryGetValue(value, out var name) ? name : NumberOf(value).ToString(CultureInfo.InvariantCulture);

    /// <summary>The member named <paramref name="name"/> (exact, lower case).</summary>
    public static bool TryParse(string name, out T value) => _values.TryGetValue(name, out value);

    /// <summary>Every name, comma-separated, for error messages and help.</summary>
    public static string List(bool includeNone = false)
    {
        var names = new List<string>();
        foreach (var (value, name) in _names)
        {
            if (includeNone || NumberOf(value) != 0)
            {
                names.Add(name);
            }
        }

        return string.Join(", ", names);
    }

    private static long NumberOf(T value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static string NameOf(T value)
    {
        if (value is TimeInForce timeInForce)
        {
            return timeInForce switch
            {
                TimeInForce.GoodTillCancel => "gtc",
                TimeInForce.ImmediateOrCancel => "ioc",
                TimeInForce.FillOrKill => "fok",
                TimeInForce.GoodTillDate => "gtd",
                _ => SnakeCase(value.ToString()),
            };
        }

        return SnakeCase(value.ToString());
    }

    private static string SnakeCase(string pascal)
    {
        var snake = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    snake.Append('_');
                }

                snake.Append(char.ToLowerInvariant(c));
            }
            else
            {
                snake.Append(c);
            }
        }

        return snake.ToString();
    }
}
