// LoopbackHttpServerProvider keeps the CoreNLP server on the loopback
// interface. StanfordCoreNLPServer has no option for its bind address: it
// always listens on the wildcard address (new InetSocketAddress(port)), which
// would expose the parser to the network. scripts/corenlp compiles this class
// and names it in -Dcom.sun.net.httpserver.HttpServerProvider, so every
// com.sun.net.httpserver server the JVM creates goes through it; it rewrites a
// wildcard bind address to 127.0.0.1 and hands the work to the JDK's own
// provider. Needs --add-exports jdk.httpserver/sun.net.httpserver=ALL-UNNAMED
// at compile and run time.
package actorgraph.corenlp;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import com.sun.net.httpserver.spi.HttpServerProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

public final class LoopbackHttpServerProvider extends HttpServerProvider {
    private final HttpServerProvider jdk = new sun.net.httpserver.DefaultHttpServerProvider();

    @Override
    public HttpServer createHttpServer(InetSocketAddress addr, int backlog) throws IOException {
        return jdk.createHttpServer(loopback(addr), backlog);
    }

    @Override
    public HttpsServer createHttpsServer(InetSocketAddress addr, int backlog) throws IOException {
        return jdk.createHttpsServer(loopback(addr), backlog);
    }

    // loopback replaces a wildcard address by 127.0.0.1 and keeps the port.
    // An unbound server (addr == null) is refused rather than left to bind
    // later to an address this class never sees.
    static InetSocketAddress loopback(InetSocketAddress addr) throws IOException {
        if (addr == null) {
            throw new IOException("LoopbackHttpServerProvider: unbound servers are not supported; pass an address");
        }
        if (addr.getAddress() == null || addr.getAddress().isAnyLocalAddress()) {
            return new InetSocketAddress(InetAddress.getByName("127.0.0.1"), addr.getPort());
        }
        return addr;
    }
}
