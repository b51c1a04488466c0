using Matcher.Gateways.Chain;

namespace Matcher.Gateways.Chain.Tests.Gateway;

public sealed class DepositFollowerTests
{
    [Test]
    public async Task A_deposit_is_handed_out_once_its_block_has_the_confirmations()
    {
        var chain = new FakeChain(5);
        var follower = new DepositFollower(chain, from: 1, confirmations: 3, reorgWindow: 8);
        chain.Mine(1, accountId: 42);

        Assert.That(await follower.PollAsync(default), Is.Empty, "block 5 has one confirmation");
        Assert.That(follower.PendingDeposits, Is.EqualTo(1));
        chain.Mine(1);
        Assert.That(await follower.PollAsync(default), Is.Empty, "two");
        chain.Mine(1);
        var ready = await follower.PollAsync(default);
        chain.Mine(5);

        Assert.That(ready.Single().AccountId, Is.EqualTo(42UL));
        Assert.That(await follower.PollAsync(default), Is.Empty, "never twice");
        Assert.That((follower.Confirmed, follower.LastSeen, follower.PendingDeposits), Is.EqualTo((10L, 12L, 0)));
    }

    [Test]
    public async Task A_reorg_inside_the_confirmation_depth_drops_the_unconfirmed_deposit()
    {
        var chain = new FakeChain(5);
        var follower = new DepositFollower(chain, from: 0, confirmations: 4, reorgWindow: 8);
        chain.Mine(2, accountId: 7);
        Assert.That(await follower.PollAsync(default), Is.Empty);

        chain.Reorg(2);
        chain.Mine(6);
        var ready = await follower.PollAsync(default);

        Assert.That(ready, Is.Empty, "the deposit's block is gone, and its replacement has no deposit");
        Assert.That(follower.Reorgs, Is.EqualTo(1));
        Assert.That(follower.Halted, Is.Null);
        Assert.That(follower.Confirmed, Is.EqualTo((long)chain.Head - 3));
    }

    [Test]
    public async Task A_deposit_moved_by_a_shallow_reorg_is_handed_out_from_its_new_block()
    {
        var chain = new FakeChain(3);
        var follower = new DepositFollower(chain, from: 0, confirmations: 3, reorgWindow: 8);
        chain.Mine(1, accountId: 1);
        await follower.PollAsync(default);

        chain.Reorg(1);
        chain.Shorten(1);
        chain.Mine(1, accountId: 2);
        chain.Mine(2);
        var ready = await follower.PollAsync(default);

        Assert.That(ready.Select(d => d.AccountId), Is.EqualTo(new ulong[] { 2 }));
    }

    [Test]
    public async Task A_reorg_below_the_confirmation_depth_halts_for_good()
    {
        var chain = new FakeChain(3);
        var follower = new DepositFollower(chain, from: 0, confirmations: 2, reorgWindow: 8);
        chain.Mine(1, accountId: 9);
        chain.Mine(3);
        Assert.That(await follower.PollAsync(default), Has.Count.EqualTo(1));

        chain.Reorg(4);
        chain.Mine(1, accountId: 9);
        chain.Mine(3);

        Assert.That(await follower.PollAsync(default), Is.Empty);
        Assert.That(follower.Halted, Does.Contain("below the confirmation depth"));
        chain.Mine(10, accountId: 10);
        Assert.That(await follower.PollAsync(default), Is.Empty, "halted: nothing more");
    }

    [Test]
    public async Task A_shorter_chain_after_a_revert_is_followed_again_from_where_it_agrees()
    {
        var chain = new FakeChain(10);
        var follower = new DepositFollower(chain, from: 0, confirmations: 3, reorgWindow: 8);
        await follower.PollAsync(default);
        chain.Shorten(2);
        chain.Mine(1, accountId: 5);

        Assert.That(await follower.PollAsync(default), Is.Empty);
        Assert.That(follower.LastSeen, Is.EqualTo(8));
        chain.Mine(2);
        Assert.That((await follower.PollAsync(default)).Single().AccountId, Is.EqualTo(5UL));
    }

    [Test]
    public async Task Starting_above_block_zero_does_not_read_older_blocks()
    {
        var chain = new FakeChain(20);
        var follower = new DepositFollower(chain, from: 15, confirmations: 1, reorgWindow: 2);
        await follower.PollAsync(default);

        Assert.That(chain.Calls, Is.LessThan(2 * 20), "blocks 0-14 were not read");
        Assert.That(follower.Confirmed, Is.EqualTo(19));
    }
}
