// A scripted FIX 4.4 initiator on QuickFIX C++ (Debian's libquickfix-dev, 1.15), driven
// line by line over stdin/stdout so an NUnit test can play a counterparty whose FIX
// engine we did not write. The protocol is described in README.md beside this file.
//
// One thread does everything: it polls the QuickFIX SocketInitiator (Initiator::poll,
// never Initiator::start, so no engine thread exists) and reads stdin between polls.
// Commands therefore never race the engine: `drop` can close the socket and disable
// the session's automatic reconnect in one step, with no chance of a Logout slipping out.

#include <quickfix/Application.h>
#include <quickfix/DataDictionary.h>
#include <quickfix/Exceptions.h>
#include <quickfix/FileLog.h>
#include <quickfix/FileStore.h>
#include <quickfix/Log.h>
#include <quickfix/Message.h>
#include <quickfix/Session.h>
#include <quickfix/SessionID.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/SocketInitiator.h>

#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace
{

const char Soh = '\x01';

// The session's data dictionary, or null when run with --dictionary none.
const FIX::DataDictionary* g_dictionary = nullptr;

// Every line on stdout goes through here: one line, flushed, so the reader sees it at once.
void emit( const std::string& line )
{
  std::string out = line;
  for ( char& c : out )
  {
    if ( c == Soh ) c = '|';
    else if ( c == '\n' || c == '\r' ) c = ' ';
  }
  out += '\n';
  std::fwrite( out.data(), 1, out.size(), stdout );
  std::fflush( stdout );
}

// The value of `tag` in a raw FIX string, or "" when it is not there.
std::string rawField( const std::string& raw, const std::string& tag )
{
  const std::string key = tag + "=";
  size_t pos = 0;
  while ( pos < raw.size() )
  {
    if ( raw.compare( pos, key.size(), key ) == 0 )
    {
      size_t start = pos + key.size();
      size_t end = raw.find( Soh, start );
      return raw.substr( start, end == std::string::npos ? std::string::npos : end - start );
    }
    size_t next = raw.find( Soh, pos );
    if ( next == std::string::npos ) break;
    pos = next + 1;
  }
  return "";
}

struct Options
{
  std::string host = "127.0.0.1";
  std::string port;
  std::string sender = "CLIENT1";
  std::string target = "MATCHER";
  std::string username;
  std::string password;
  std::string store;
  std::string log;
  std::string heartbeat = "30";
  std::string dictionary; // "" = FIX44.xml beside the executable; "none" = no dictionary
  bool resetOnLogon = false;
};

void usage()
{
  std::fprintf( stderr,
    "usage: quickfix-initiator --port N --store DIR --log DIR [--host 127.0.0.1]\n"
    "         [--sender CLIENT1] [--target MATCHER] [--username U] [--password P]\n"
    "         [--heartbeat 30] [--reset-on-logon] [--dictionary FIX44.xml|none]\n" );
}

bool parseOptions( int argc, char** argv, Options& o )
{
  std::map<std::string, std::string*> valued = {
    { "--host", &o.host }, { "--port", &o.port }, { "--sender", &o.sender },
    { "--target", &o.target }, { "--username", &o.username }, { "--password", &o.password },
    { "--store", &o.store }, { "--log", &o.log }, { "--heartbeat", &o.heartbeat },
    { "--dictionary", &o.dictionary } };
  for ( int i = 1; i < argc; ++i )
  {
    std::string arg = argv[ i ];
    if ( arg == "--reset-on-logon" ) { o.resetOnLogon = true; continue; }
    auto found = valued.find( arg );
    if ( found == valued.end() || i + 1 >= argc )
    {
      std::fprintf( stderr, "unknown or incomplete argument: %s\n", arg.c_str() );
      return false;
    }
    *found->second = argv[ ++i ];
  }
  if ( o.port.empty() || o.store.empty() || o.log.empty() )
  {
    std::fprintf( stderr, "--port, --store and --log are required\n" );
    return false;
  }
  if ( o.dictionary.empty() )
  {
    // The Makefile writes FIX44.xml beside the binary (gen-fix44-dictionary.py).
    char self[ 4096 ];
    ssize_t length = ::readlink( "/proc/self/exe", self, sizeof( self ) - 1 );
    std::string path = length > 0 ? std::string( self, static_cast<size_t>( length ) ) : std::string( argv[ 0 ] );
    size_t slash = path.rfind( '/' );
    o.dictionary = ( slash == std::string::npos ? std::string( "." ) : path.substr( 0, slash ) ) + "/FIX44.xml";
  }
  if ( o.dictionary != "none" && ::access( o.dictionary.c_str(), R_OK ) != 0 )
  {
    std::fprintf( stderr, "cannot read the data dictionary %s (build with make, or --dictionary none)\n",
                  o.dictionary.c_str() );
    return false;
  }
  return true;
}

// mkdir -p: QuickFIX's FileStore and FileLog expect their folder to be creatable.
bool makeDirectories( const std::string& path )
{
  std::string partial;
  size_t pos = 0;
  while ( pos != std::string::npos )
  {
    pos = path.find( '/', pos + 1 );
    partial = path.substr( 0, pos );
    if ( partial.empty() ) continue;
    if ( ::mkdir( partial.c_str(), 0755 ) != 0 && errno != EEXIST ) return false;
  }
  return true;
}

// The QuickFIX application: prints what the session receives and puts the credentials
// into the Logon. Incoming messages are printed from fromAdmin/fromApp, so an `IN` line
// means QuickFIX accepted the message (header, sequence, length and checksum checks
// passed); the text printed is the bytes as they arrived on the wire, not QuickFIX's
// re-serialisation, whenever the message is the one the log has just seen.
class ScriptedApplication : public FIX::Application
{
public:
  explicit ScriptedApplication( const Options& options ) : m_options( options ) {}

  void onCreate( const FIX::SessionID& ) {}
  void onLogon( const FIX::SessionID& ) { emit( "LOGON" ); }
  void onLogout( const FIX::SessionID& ) { emit( "LOGOUT" ); }

  void toAdmin( FIX::Message& message, const FIX::SessionID& )
  {
    if ( message.getHeader().getField( FIX::FIELD::MsgType ) != "A" ) return;
    if ( !m_options.username.empty() ) message.setField( 553, m_options.username );
    if ( !m_options.password.empty() ) message.setField( 554, m_options.password );
  }

  void toApp( FIX::Message&, const FIX::SessionID& ) throw( FIX::DoNotSend ) {}

  void fromAdmin( const FIX::Message& message, const FIX::SessionID& )
  throw( FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::RejectLogon )
  { received( message ); }

  void fromApp( const FIX::Message& message, const FIX::SessionID& )
  throw( FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::UnsupportedMessageType )
  { received( message ); }

  // Called by the log for every message read from the socket, before the session handles it.
  void arrived( const std::string& raw ) { m_lastArrived = raw; }

private:
  void received( const FIX::Message& message )
  {
    const FIX::Header& header = message.getHeader();
    std::string type = header.isSetField( FIX::FIELD::MsgType )
      ? header.getField( FIX::FIELD::MsgType ) : std::string( "?" );
    std::string seq = header.isSetField( FIX::FIELD::MsgSeqNum )
      ? header.getField( FIX::FIELD::MsgSeqNum ) : std::string();
    std::string raw;
    if ( !m_lastArrived.empty() && rawField( m_lastArrived, "35" ) == type
         && rawField( m_lastArrived, "34" ) == seq )
      raw = m_lastArrived;
    else
      raw = message.toString(); // a queued message, handled after a gap was filled
    emit( "IN " + type + " " + raw );
  }

  const Options& m_options;
  std::string m_lastArrived;
};

// Writes QuickFIX's usual file log and reports outgoing messages and session events on stdout.
class ScriptedLog : public FIX::Log
{
public:
  ScriptedLog( FIX::Log* file, ScriptedApplication& application )
  : m_file( file ), m_application( application ) {}

  FIX::Log* file() const { return m_file; }

  void clear() { if ( m_file ) m_file->clear(); }
  void backup() { if ( m_file ) m_file->backup(); }

  void onIncoming( const std::string& value )
  {
    if ( m_file ) m_file->onIncoming( value );
    m_application.arrived( value );
  }

  void onOutgoing( const std::string& value )
  {
    if ( m_file ) m_file->onOutgoing( value );
    emit( "OUT " + rawField( value, "35" ) + " " + value );
  }

  void onEvent( const std::string& value )
  {
    if ( m_file ) m_file->onEvent( value );
    emit( "EVENT " + value );
  }

private:
  FIX::Log* m_file;
  ScriptedApplication& m_application;
};

class ScriptedLogFactory : public FIX::LogFactory
{
public:
  ScriptedLogFactory( const std::string& path, ScriptedApplication& application )
  : m_files( path ), m_application( application ) {}

  FIX::Log* create() { return new ScriptedLog( m_files.create(), m_application ); }
  FIX::Log* create( const FIX::SessionID& id )
  { return new ScriptedLog( m_files.create( id ), m_application ); }
  void destroy( FIX::Log* log )
  {
    ScriptedLog* scripted = static_cast<ScriptedLog*>( log );
    if ( scripted->file() ) m_files.destroy( scripted->file() );
    delete scripted;
  }

private:
  FIX::FileLogFactory m_files;
  ScriptedApplication& m_application;
};

FIX::SessionSettings makeSettings( const Options& o, const FIX::SessionID& id )
{
  // Everything goes into the defaults: SocketInitiator reads ReconnectInterval and
  // SocketNodelay from there only; sessions inherit the rest.
  FIX::Dictionary d;
  d.setString( "ConnectionType", "initiator" );
  d.setString( "SocketConnectHost", o.host );
  d.setString( "SocketConnectPort", o.port );
  d.setString( "SocketNodelay", "Y" );
  d.setString( "HeartBtInt", o.heartbeat );
  d.setString( "ReconnectInterval", "1" );
  // A week-long session from Sunday 00:00:00 UTC to the next: QuickFIX resets the sequence
  // numbers at the start of each session window, and a daily window would reset them
  // at midnight and on a restart the day after.
  d.setString( "StartDay", "Sunday" );
  d.setString( "EndDay", "Sunday" );
  d.setString( "StartTime", "00:00:00" );
  d.setString( "EndTime", "00:00:00" );
  // With the FIX 4.4 dictionary QuickFIX parses repeating groups and validates what it
  // receives as a stock QuickFIX counterparty would (tags, types, required fields, order),
  // except tags from 5000 up, which are ours to define. Without one, every repeated tag is
  // rejected ("Tag appears more than once").
  if ( o.dictionary == "none" )
    d.setString( "UseDataDictionary", "N" );
  else
  {
    d.setString( "UseDataDictionary", "Y" );
    d.setString( "DataDictionary", o.dictionary );
  }
  d.setString( "ValidateUserDefinedFields", "N" );
  d.setString( "ResetOnLogon", o.resetOnLogon ? "Y" : "N" );
  d.setString( "ResetOnLogout", "N" );
  d.setString( "ResetOnDisconnect", "N" );
  d.setString( "FileStorePath", o.store );
  d.setString( "FileLogPath", o.log );

  FIX::Dictionary session;
  session.setString( "BeginString", id.getBeginString() );
  session.setString( "SenderCompID", id.getSenderCompID() );
  session.setString( "TargetCompID", id.getTargetCompID() );

  FIX::SessionSettings settings;
  settings.set( d );
  settings.set( id, session );
  return settings;
}

// send <MsgType> <tag=value>|<tag=value>|... : with the data dictionary the fields are
// parsed as QuickFIX parses a received message, so header tags go to the header and
// repeating groups (count tag, then each entry's fields, delimiter first) become groups;
// without it each tag is set once, header tags to the header. QuickFIX fills BeginString,
// CompIDs, MsgSeqNum, SendingTime, BodyLength and CheckSum.
void sendMessage( const std::string& args, FIX::Session& session )
{
  size_t space = args.find( ' ' );
  std::string type = args.substr( 0, space );
  std::string fields = space == std::string::npos ? std::string() : args.substr( space + 1 );
  if ( type.empty() ) throw std::runtime_error( "send needs a MsgType" );

  std::vector<std::pair<int, std::string> > pairs;
  size_t pos = 0;
  while ( pos <= fields.size() )
  {
    size_t bar = fields.find( '|', pos );
    std::string pair = fields.substr( pos, bar == std::string::npos ? std::string::npos : bar - pos );
    pos = bar == std::string::npos ? fields.size() + 1 : bar + 1;
    if ( pair.empty() ) continue;
    size_t eq = pair.find( '=' );
    char* end = nullptr;
    long tag = eq == std::string::npos ? 0 : std::strtol( pair.c_str(), &end, 10 );
    if ( eq == 0 || eq == std::string::npos || end != pair.c_str() + eq || tag <= 0 )
      throw std::runtime_error( "bad field '" + pair + "': expected tag=value" );
    int t = static_cast<int>( tag );
    if ( t == FIX::FIELD::BeginString || t == FIX::FIELD::BodyLength || t == FIX::FIELD::MsgType
         || t == FIX::FIELD::CheckSum )
      throw std::runtime_error( "tag " + std::to_string( t ) + " is set by QuickFIX" );
    pairs.push_back( std::make_pair( t, pair.substr( eq + 1 ) ) );
  }

  FIX::Message message;
  const FIX::SessionID& id = session.getSessionID();
  if ( g_dictionary )
  {
    // BodyLength and CheckSum are placeholders: QuickFIX computes both when it sends.
    std::string raw = "8=" + id.getBeginString().getString() + Soh + "9=0" + Soh + "35=" + type + Soh;
    for ( const auto& field : pairs )
      raw += std::to_string( field.first ) + "=" + field.second + Soh;
    raw += std::string( "10=000" ) + Soh;
    message = FIX::Message( raw, *g_dictionary, false );
  }
  else
  {
    message.getHeader().setField( FIX::FIELD::MsgType, type );
    for ( const auto& field : pairs )
    {
      if ( FIX::Message::isHeaderField( field.first ) ) message.getHeader().setField( field.first, field.second );
      else message.setField( field.first, field.second );
    }
  }

  // QuickFIX stores and numbers an application message even when the session is not
  // logged on (it goes out only if the counterparty asks for a resend): say so.
  bool loggedOn = session.isLoggedOn();
  FIX::Session::sendToTarget( message, id );
  if ( !loggedOn )
    emit( "ERROR not logged on: the message was stored with the next MsgSeqNum but not sent" );
}

} // namespace

int main( int argc, char** argv )
{
  // A peer that closes its socket must give an error on send, not kill the process.
  ::signal( SIGPIPE, SIG_IGN );
  Options options;
  if ( !parseOptions( argc, argv, options ) ) { usage(); return 2; }
  if ( !makeDirectories( options.store ) || !makeDirectories( options.log ) )
  {
    std::fprintf( stderr, "cannot create %s or %s: %s\n", options.store.c_str(),
                  options.log.c_str(), std::strerror( errno ) );
    return 2;
  }

  try
  {
    FIX::SessionID id( "FIX.4.4", options.sender, options.target );
    FIX::SessionSettings settings = makeSettings( options, id );
    ScriptedApplication application( options );
    FIX::FileStoreFactory stores( options.store );
    ScriptedLogFactory logs( options.log, application );
    FIX::SocketInitiator initiator( application, stores, settings, logs );
    FIX::Session* session = FIX::Session::lookupSession( id );
    if ( !session ) { emit( "ERROR session was not created" ); return 1; }
    if ( options.dictionary != "none" )
      g_dictionary = &session->getDataDictionaryProvider().getSessionDataDictionary( id.getBeginString() );

    emit( "READY" );

    bool polling = false;
    bool quit = false;
    std::string pending;
    struct pollfd input = { 0, POLLIN, 0 };
    while ( !quit )
    {
      if ( polling )
      {
        try { initiator.poll( 0.0 ); }
        catch ( std::exception& e )
        {
          // Say it once and stop driving the engine rather than repeat it every 2 ms;
          // `logon` or `reconnect` tries again.
          emit( std::string( "ERROR " ) + e.what() );
          polling = false;
        }
      }

      // Poll the engine every 2 ms while it runs; wait longer for the first command.
      int ready = ::poll( &input, 1, polling ? 2 : 100 );
      if ( ready < 0 )
      {
        if ( errno == EINTR ) continue;
        break;
      }
      if ( ready == 0 ) continue;
      char buffer[ 65536 ];
      ssize_t count = ::read( 0, buffer, sizeof( buffer ) );
      if ( count < 0 && errno == EINTR ) continue;
      if ( count <= 0 ) break; // stdin closed: the test is gone
      pending.append( buffer, static_cast<size_t>( count ) );

      size_t newline;
      while ( !quit && ( newline = pending.find( '\n' ) ) != std::string::npos )
      {
        std::string line = pending.substr( 0, newline );
        pending.erase( 0, newline + 1 );
        if ( !line.empty() && line.back() == '\r' ) line.pop_back();
        if ( line.empty() ) continue;
        size_t space = line.find( ' ' );
        std::string command = line.substr( 0, space );
        std::string rest = space == std::string::npos ? std::string() : line.substr( space + 1 );
        try
        {
          if ( command == "logon" || command == "reconnect" )
          {
            // The first poll connects; after `drop` or `logout` re-enabling the session lets
            // the initiator connect again within ReconnectInterval (1 s), same FileStore.
            session->logon();
            polling = true;
          }
          else if ( command == "send" )
            sendMessage( rest, *session );
          else if ( command == "drop" )
          {
            // Close the socket with no Logout, then disable the session so that the
            // initiator does not reconnect by itself; the session is not logged on any
            // more, so disabling it sends nothing.
            session->disconnect();
            session->logout();
          }
          else if ( command == "logout" )
            session->logout(); // the next poll sends Logout and waits for the answer
          else if ( command == "seqnums" )
            emit( "SEQ " + std::to_string( session->getExpectedSenderNum() ) + " "
                  + std::to_string( session->getExpectedTargetNum() ) );
          else if ( command == "quit" )
            quit = true;
          else
            emit( "ERROR unknown command: " + command );
        }
        catch ( std::exception& e )
        {
          emit( std::string( "ERROR " ) + e.what() );
        }
      }
    }

    // Leave without a Logout: `quit` is like a dropped connection. Send `logout` first for
    // a clean end.
    try { initiator.stop( true ); } catch ( std::exception& ) {}
  }
  catch ( std::exception& e )
  {
    emit( std::string( "ERROR " ) + e.what() );
    return 1;
  }
  return 0;
}
