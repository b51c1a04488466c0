// An ack-only FIX 4.4 acceptor on QuickFIX C++ (Debian's libquickfix-dev, 1.15): every
// NewOrderSingle (35=D) gets one ExecutionReport (35=8, 150=0 New, 39=0 New) and nothing
// else. It is the benchmark baseline for Matcher's FIX gateway (the same load generator
// runs against both) and the counterparty of the initiator's self tests. See README.md.

#include <quickfix/Application.h>
#include <quickfix/Exceptions.h>
#include <quickfix/FileStore.h>
#include <quickfix/Message.h>
#include <quickfix/MessageStore.h>
#include <quickfix/Session.h>
#include <quickfix/SessionID.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/SocketAcceptor.h>
#include <quickfix/ThreadedSocketAcceptor.h>

#include <arpa/inet.h>
#include <dlfcn.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace
{
in_addr_t g_bindAddress = htonl( INADDR_LOOPBACK );
}

// QuickFIX 1.15 has no SocketAcceptHost setting: its acceptors listen on every interface.
// This bind() in the executable comes before libc's in the dynamic symbol lookup, so
// libquickfix's call lands here and a wildcard IPv4 address becomes --bind (127.0.0.1
// unless told otherwise). The Makefile exports the symbol with --export-dynamic-symbol.
extern "C" int bind( int fd, const struct sockaddr* address, socklen_t length ) noexcept
{
  using BindFunction = int ( * )( int, const struct sockaddr*, socklen_t );
  static BindFunction real = reinterpret_cast<BindFunction>( dlsym( RTLD_NEXT, "bind" ) );
  if ( !real ) { errno = ENOSYS; return -1; }
  if ( address && address->sa_family == AF_INET && length >= sizeof( sockaddr_in ) )
  {
    sockaddr_in narrowed;
    std::memcpy( &narrowed, address, sizeof( narrowed ) );
    if ( narrowed.sin_addr.s_addr == htonl( INADDR_ANY ) )
    {
      narrowed.sin_addr.s_addr = g_bindAddress;
      return real( fd, reinterpret_cast<const struct sockaddr*>( &narrowed ), sizeof( narrowed ) );
    }
  }
  return real( fd, address, length );
}

namespace
{

struct Options
{
  std::string port;
  std::string bind = "127.0.0.1";
  std::string sender = "MATCHER";
  std::string targetPrefix = "LOAD";
  int sessions = 1;
  std::string store = "memory";
  std::string storeDir;
  std::string io = "threaded";
  std::string dictionary; // empty: no data dictionary
  bool persist = true;
};

void usage()
{
  std::fprintf( stderr,
    "usage: quickfix-acceptor --port N [--bind 127.0.0.1] [--sender MATCHER] [--sessions N] [--target-prefix LOAD]\n"
    "         [--store memory|file] [--store-dir DIR] [--io threaded|select]\n"
    "         [--persist-messages Y|N] [--dictionary FIX44.xml]\n" );
}

bool parseOptions( int argc, char** argv, Options& o )
{
  std::string sessions = "1";
  std::string persist = "Y";
  std::map<std::string, std::string*> valued = {
    { "--port", &o.port }, { "--bind", &o.bind }, { "--sender", &o.sender }, { "--sessions", &sessions },
    { "--target-prefix", &o.targetPrefix }, { "--store", &o.store },
    { "--store-dir", &o.storeDir }, { "--io", &o.io }, { "--persist-messages", &persist },
    { "--dictionary", &o.dictionary } };
  for ( int i = 1; i < argc; ++i )
  {
    auto found = valued.find( argv[ i ] );
    if ( found == valued.end() || i + 1 >= argc )
    {
      std::fprintf( stderr, "unknown or incomplete argument: %s\n", argv[ i ] );
      return false;
    }
    *found->second = argv[ ++i ];
  }
  o.sessions = std::atoi( sessions.c_str() );
  o.persist = persist == "Y" || persist == "y";
  if ( o.port.empty() || o.sessions < 1 ) { std::fprintf( stderr, "--port is required, --sessions >= 1\n" ); return false; }
  if ( o.store != "memory" && o.store != "file" ) { std::fprintf( stderr, "--store is memory or file\n" ); return false; }
  if ( o.store == "file" && o.storeDir.empty() ) { std::fprintf( stderr, "--store file needs --store-dir\n" ); return false; }
  if ( o.io != "threaded" && o.io != "select" ) { std::fprintf( stderr, "--io is threaded or select\n" ); return false; }
  in_addr parsed;
  if ( inet_pton( AF_INET, o.bind.c_str(), &parsed ) != 1 ) { std::fprintf( stderr, "--bind takes an IPv4 address\n" ); return false; }
  g_bindAddress = parsed.s_addr;
  return true;
}

bool makeDirectories( const std::string& path )
{
  size_t pos = 0;
  while ( pos != std::string::npos )
  {
    pos = path.find( '/', pos + 1 );
    std::string partial = path.substr( 0, pos );
    if ( partial.empty() ) continue;
    if ( ::mkdir( partial.c_str(), 0755 ) != 0 && errno != EEXIST ) return false;
  }
  return true;
}

class AckApplication : public FIX::Application
{
public:
  // Sessions are looked up once, before the acceptor starts, so the hot path takes no
  // global lock; the map is read-only afterwards.
  void remember( const FIX::SessionID& id ) { m_sessions[ id ] = FIX::Session::lookupSession( id ); }

  void onCreate( const FIX::SessionID& ) {}
  // Session changes are rare, so they are printed; tests wait for them (a reconnect that
  // races the acceptor's noticing the old connection is gone would be refused).
  void onLogon( const FIX::SessionID& id ) { say( "LOGON " + id.toString() ); }
  void onLogout( const FIX::SessionID& id ) { say( "LOGOUT " + id.toString() ); }
  void toAdmin( FIX::Message&, const FIX::SessionID& ) {}
  void toApp( FIX::Message&, const FIX::SessionID& ) throw( FIX::DoNotSend ) {}
  void fromAdmin( const FIX::Message&, const FIX::SessionID& )
  throw( FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::RejectLogon ) {}

  // A missing ClOrdID, Symbol, Side or OrderQty throws FieldNotFound, which QuickFIX
  // answers with a BusinessMessageReject (35=j); every other message type is ignored.
  void fromApp( const FIX::Message& order, const FIX::SessionID& id )
  throw( FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::UnsupportedMessageType )
  {
    if ( order.getHeader().getField( FIX::FIELD::MsgType ) != "D" ) return;

    const std::string& clOrdId = order.getField( FIX::FIELD::ClOrdID );
    const std::string& symbol = order.getField( FIX::FIELD::Symbol );
    const std::string& side = order.getField( FIX::FIELD::Side );
    const std::string& quantity = order.getField( FIX::FIELD::OrderQty );

    unsigned long long n = ++m_next;
    FIX::Message report;
    report.getHeader().setField( FIX::MsgType( "8" ) );
    report.setField( FIX::FIELD::OrderID, std::to_string( n ) );
    report.setField( FIX::FIELD::ExecID, std::to_string( n ) );
    report.setField( FIX::FIELD::ExecType, "0" );
    report.setField( FIX::FIELD::OrdStatus, "0" );
    report.setField( FIX::FIELD::ClOrdID, clOrdId );
    report.setField( FIX::FIELD::Symbol, symbol );
    report.setField( FIX::FIELD::Side, side );
    report.setField( FIX::FIELD::OrderQty, quantity );
    report.setField( FIX::FIELD::LeavesQty, quantity );
    report.setField( FIX::FIELD::CumQty, "0" );
    report.setField( FIX::FIELD::AvgPx, "0" );
    report.setField( FIX::TransactTime( FIX::UtcTimeStamp(), 3 ) );

    auto found = m_sessions.find( id );
    if ( found != m_sessions.end() && found->second ) found->second->send( report );
    else FIX::Session::sendToTarget( report, id );
  }

  void say( const std::string& line )
  {
    std::lock_guard<std::mutex> lock( m_output );
    std::printf( "%s\n", line.c_str() );
    std::fflush( stdout );
  }

private:
  std::mutex m_output;
  std::map<FIX::SessionID, FIX::Session*> m_sessions;
  std::atomic<unsigned long long> m_next{ 0 };
};

} // namespace

int main( int argc, char** argv )
{
  Options options;
  if ( !parseOptions( argc, argv, options ) ) { usage(); return 2; }
  if ( options.store == "file" && !makeDirectories( options.storeDir ) )
  {
    std::fprintf( stderr, "cannot create %s: %s\n", options.storeDir.c_str(), std::strerror( errno ) );
    return 2;
  }

  // Block the stop signals before QuickFIX starts its threads, so that they all inherit
  // the mask and only sigwait below sees them.
  sigset_t stopSignals;
  sigemptyset( &stopSignals );
  sigaddset( &stopSignals, SIGINT );
  sigaddset( &stopSignals, SIGTERM );
  sigaddset( &stopSignals, SIGHUP );
  pthread_sigmask( SIG_BLOCK, &stopSignals, nullptr );
  signal( SIGPIPE, SIG_IGN );

  try
  {
    FIX::Dictionary defaults;
    defaults.setString( "ConnectionType", "acceptor" );
    defaults.setString( "SocketAcceptPort", options.port );
    defaults.setString( "SocketReuseAddress", "Y" );
    defaults.setString( "SocketNodelay", "Y" );
    // A week-long session window (see the initiator): no daily sequence reset.
    defaults.setString( "StartDay", "Sunday" );
    defaults.setString( "EndDay", "Sunday" );
    defaults.setString( "StartTime", "00:00:00" );
    defaults.setString( "EndTime", "00:00:00" );
    // No dictionary by default: the baseline is QuickFIX's engine without application-level
    // validation. With --dictionary (the initiator's generated FIX44.xml) it parses
    // repeating groups and validates orders as a stock QuickFIX acceptor does.
    if ( options.dictionary.empty() )
      defaults.setString( "UseDataDictionary", "N" );
    else
    {
      defaults.setString( "UseDataDictionary", "Y" );
      defaults.setString( "DataDictionary", options.dictionary );
    }
    defaults.setString( "ValidateUserDefinedFields", "N" );
    defaults.setString( "PersistMessages", options.persist ? "Y" : "N" );
    if ( options.store == "file" ) defaults.setString( "FileStorePath", options.storeDir );

    FIX::SessionSettings settings;
    settings.set( defaults );
    for ( int i = 1; i <= options.sessions; ++i )
    {
      FIX::Dictionary session;
      session.setString( "BeginString", "FIX.4.4" );
      session.setString( "SenderCompID", options.sender );
      session.setString( "TargetCompID", options.targetPrefix + std::to_string( i ) );
      settings.set( FIX::SessionID( "FIX.4.4", options.sender, options.targetPrefix + std::to_string( i ) ), session );
    }

    AckApplication application;
    std::unique_ptr<FIX::MessageStoreFactory> stores;
    if ( options.store == "file" ) stores.reset( new FIX::FileStoreFactory( options.storeDir ) );
    else stores.reset( new FIX::MemoryStoreFactory() );

    // No LogFactory: QuickFIX then logs nothing, as a benchmark baseline should.
    std::unique_ptr<FIX::Acceptor> acceptor;
    if ( options.io == "threaded" )
      acceptor.reset( new FIX::ThreadedSocketAcceptor( application, *stores, settings ) );
    else
      acceptor.reset( new FIX::SocketAcceptor( application, *stores, settings ) );
    for ( const FIX::SessionID& id : acceptor->getSessions() ) application.remember( id );

    acceptor->start(); // binds the port before it returns
    application.say( "READY" );

    int received = 0;
    sigwait( &stopSignals, &received );
    acceptor->stop(); // logs the sessions out, waiting at most 10 s for the answers
  }
  catch ( std::exception& e )
  {
    std::printf( "ERROR %s\n", e.what() );
    std::fflush( stdout );
    return 1;
  }
  return 0;
}
