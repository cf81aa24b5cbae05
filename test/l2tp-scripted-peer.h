/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TP_SCRIPTED_PEER_H
#define L2TP_SCRIPTED_PEER_H

// A scripted L2TPv3 peer for the control-plane suites (interop, tolerance): a node
// with UDP sockets that sends the control messages a test writes, by hand, and keeps
// everything our LCCE sends it, with the UDP port it arrived on. It behaves like a
// real peer only as far as a test scripts it (the v3-13 replay, a peer that answers
// from another port, one that forgets a connection...).

#include "ns3/address.h"
#include "ns3/boolean.h"
#include "ns3/bridge-helper.h"
#include "ns3/bridge-net-device.h"
#include "ns3/callback.h"
#include "ns3/config.h"
#include "ns3/csma-helper.h"
#include "ns3/csma-net-device.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/error-model.h"
#include "ns3/ethernet-header.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-raw-socket-factory.h"
#include "ns3/ipv4-routing-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-interface-container.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-raw-socket-factory.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6.h"
#include "ns3/l2tpv3-avp.h"
#include "ns3/l2tpv3-control-connection.h"
#include "ns3/l2tpv3-control-message.h"
#include "ns3/l2tpv3-control-session.h"
#include "ns3/l2tpv3-counters.h"
#include "ns3/l2tpv3-l4-protocol.h"
#include "ns3/l2tpv3-lcce-helper.h"
#include "ns3/l2tpv3-lcce.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/l2tpv3-udp-header.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-header.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace l2tptest
{

/**
 * \ingroup l2tp-tests
 * \brief A peer that sends scripted control messages over UDP to an LCCE and keeps what
 * comes back: the peer and our LCCE's router on one Ethernet segment.
 */
struct ScriptedPeer
{
    NodeContainer nodes;                       //!< 0: the peer, 1: our LCCE's router
    NetDeviceContainer devices;                //!< their CSMA devices
    Ptr<Socket> socket;                        //!< the peer's first UDP socket
    std::map<uint16_t, Ptr<Socket>> sockets;   //!< every socket of the peer, by port
    Ptr<L2tpv3Lcce> lcce;                      //!< our LCCE
    Ipv4Address peerAddress;                   //!< the peer's address
    Ipv4Address lcceAddress;                   //!< ours
    uint16_t peerPort;                         //!< the first socket's port
    std::vector<L2tpv3ControlMessage> answers; //!< what our LCCE sent, in order
    std::vector<double> answeredAt;            //!< when
    std::vector<uint16_t> answeredOn;          //!< on which of the peer's ports
    std::vector<uint16_t> dataOn;              //!< data packets (T = 0) received: the port
    std::function<void(const L2tpv3ControlMessage&)> onAnswer; //!< the peer's reaction
    uint32_t lastInitiatorId{0}; //!< our Assigned Control Connection ID as initiator
    uint16_t rxPort{0};          //!< the port of the message being read (for onAnswer)
    Ipv6Address peerAddress6;    //!< the peer's IPv6 address (EnableIpv6)
    Ipv6Address lcceAddress6;    //!< ours (EnableIpv6)

    // A minimal sequence state for scripts that play a whole connection (Reply, Ack).
    uint32_t ourId{0}; //!< our LCCE's Control Connection ID (what the peer writes)
    uint16_t ns{0};    //!< the peer's next Ns
    uint16_t nr{0};    //!< the next Ns the peer expects from our LCCE

    /**
     * \param peer the peer's address
     * \param port its UDP port (its first socket)
     * \param ours our LCCE's address (its LCCE runs over UDP)
     */
    ScriptedPeer(Ipv4Address peer, uint16_t port, Ipv4Address ours)
        : peerAddress(peer),
          lcceAddress(ours),
          peerPort(port)
    {
        nodes.Create(2);
        CsmaHelper csma;
        csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(100)));
        devices = csma.Install(nodes);
        InternetStackHelper().Install(nodes);
        // Two addresses of different networks on one segment, as in the capture: host routes.
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<Ipv4> ipv4 = nodes.Get(i)->GetObject<Ipv4>();
            uint32_t interface = ipv4->AddInterface(devices.Get(i));
            ipv4->AddAddress(interface,
                             Ipv4InterfaceAddress(i == 0 ? peer : ours, Ipv4Mask("/32")));
            ipv4->SetUp(interface);
            Ipv4StaticRoutingHelper routing;
            routing.GetStaticRouting(ipv4)->AddHostRouteTo(i == 0 ? ours : peer, interface);
        }
        L2tpv3LcceHelper helper;
        helper.SetAttribute("Encapsulation", StringValue("udp"));
        helper.SetAttribute("HostName", StringValue("ns-3"));
        lcce = helper.Install(nodes.Get(1));
        lcce->AssignStreams(7);
        socket = AddSocket(port);
    }

    /**
     * \brief Give the peer another address on its interface (our LCCE routes to it too).
     * \param address the address
     */
    void AddAddress(Ipv4Address address)
    {
        Ptr<Ipv4> ipv4 = nodes.Get(0)->GetObject<Ipv4>();
        ipv4->AddAddress(1, Ipv4InterfaceAddress(address, Ipv4Mask("/32")));
        Ptr<Ipv4> ours = nodes.Get(1)->GetObject<Ipv4>();
        Ipv4StaticRoutingHelper().GetStaticRouting(ours)->AddHostRouteTo(address, 1);
    }

    /**
     * \param port a UDP port of the peer's
     * \return a socket bound to it (all the peer's addresses) that records what arrives
     */
    Ptr<Socket> AddSocket(uint16_t port)
    {
        Ptr<Socket> s = Socket::CreateSocket(nodes.Get(0), UdpSocketFactory::GetTypeId());
        s->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
        s->SetRecvCallback(MakeCallback(&ScriptedPeer::Read, this));
        sockets[port] = s;
        return s;
    }

    /** \param s the socket */
    void Read(Ptr<Socket> s)
    {
        Ptr<Packet> p;
        uint16_t port = 0;
        for (const auto& [n, sock] : sockets)
        {
            port = sock == s ? n : port;
        }
        while ((p = s->Recv()))
        {
            uint8_t first = 0;
            p->CopyData(&first, 1);
            if (!(first & 0x80))
            {
                dataOn.push_back(port); // §4.1.2.1: T = 0, a data message
                continue;
            }
            L2tpv3ControlMessage m;
            if (L2tpv3ControlMessage::FromPacket(p, m) == L2tpv3ControlDecodeError::NONE)
            {
                answers.push_back(m);
                answeredAt.push_back(Simulator::Now().GetSeconds());
                answeredOn.push_back(port);
                if (!m.IsZlb() && m.GetNs() == nr)
                {
                    nr = static_cast<uint16_t>(nr + 1); // in order: the peer's next Nr
                }
                rxPort = port;
                if (onAnswer)
                {
                    onAnswer(m);
                }
            }
        }
    }

    /** \param m a message for our LCCE, sent from the first socket to port 1701 */
    void Send(const L2tpv3ControlMessage& m)
    {
        socket->SendTo(m.ToPacket(), 0, InetSocketAddress(lcceAddress, 1701));
    }

    /**
     * \param m a message for our LCCE
     * \param fromPort the peer's socket to send it from
     * \param toPort our LCCE's port
     * \param from the peer's source address (Any: the routing's choice)
     */
    void SendFrom(const L2tpv3ControlMessage& m,
                  uint16_t fromPort,
                  uint16_t toPort = 1701,
                  Ipv4Address from = Ipv4Address::GetAny())
    {
        Ptr<Socket> s = sockets.at(fromPort);
        if (from != Ipv4Address::GetAny())
        {
            // A socket of its own bound to that address and port, for one message.
            Ptr<Socket> bound = Socket::CreateSocket(nodes.Get(0), UdpSocketFactory::GetTypeId());
            bound->Bind(InetSocketAddress(from, fromPort));
            bound->SendTo(m.ToPacket(), 0, InetSocketAddress(lcceAddress, toPort));
            bound->Close();
            return;
        }
        s->SendTo(m.ToPacket(), 0, InetSocketAddress(lcceAddress, toPort));
    }

    /**
     * \brief Send the peer's next sequenced message on the connection (Ns, Nr, CCID set).
     * \param m the message
     * \param fromPort the socket (0: the first)
     */
    void Reply(L2tpv3ControlMessage m, uint16_t fromPort = 0)
    {
        m.SetControlConnectionId(ourId);
        m.SetNs(ns);
        m.SetNr(nr);
        ns = static_cast<uint16_t>(ns + 1);
        SendFrom(m, fromPort ? fromPort : peerPort);
    }

    /**
     * \brief Acknowledge what arrived so far with a ZLB (§4.2).
     * \param fromPort the socket (0: the first)
     */
    void Ack(uint16_t fromPort = 0)
    {
        L2tpv3ControlMessage zlb;
        zlb.SetControlConnectionId(ourId);
        zlb.SetNs(ns);
        zlb.SetNr(nr);
        SendFrom(zlb, fromPort ? fromPort : peerPort);
    }

    /**
     * \brief Give both nodes an IPv6 address too (2001:db8::1 the peer, 2001:db8::2 ours, no
     * DAD), for the IPv6 variants of a script. Our LCCE's UDP port is open on IPv6 already.
     */
    void EnableIpv6()
    {
        for (uint32_t i = 0; i < 2; ++i)
        {
            nodes.Get(i)->GetObject<Icmpv6L4Protocol>()->SetAttribute("DAD", BooleanValue(false));
        }
        Ipv6AddressHelper ip;
        ip.SetBase(Ipv6Address("2001:db8::"), Ipv6Prefix(64));
        Ipv6InterfaceContainer ifs = ip.Assign(devices);
        peerAddress6 = ifs.GetAddress(0, 1);
        lcceAddress6 = ifs.GetAddress(1, 1);
    }

    /**
     * \brief Send octets as the payload of an IP packet to our LCCE's node, by a raw socket:
     * over IP (protocol 115) they start with the Session ID; over UDP (17) with a UDP
     * header the caller wrote, any Length field it likes.
     * \param bytes the IP payload
     * \param protocol the IP protocol number
     * \param ipv6 over IPv6 (EnableIpv6 first) rather than IPv4
     */
    void SendRaw(const std::vector<uint8_t>& bytes, uint16_t protocol, bool ipv6 = false)
    {
        Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
        Ptr<Socket> raw;
        if (ipv6)
        {
            raw = Socket::CreateSocket(nodes.Get(0), Ipv6RawSocketFactory::GetTypeId());
            raw->SetAttribute("Protocol", UintegerValue(protocol));
            raw->SendTo(p, 0, Inet6SocketAddress(lcceAddress6, 0));
        }
        else
        {
            raw = Socket::CreateSocket(nodes.Get(0), Ipv4RawSocketFactory::GetTypeId());
            raw->SetAttribute("Protocol", UintegerValue(protocol));
            raw->SendTo(p, 0, InetSocketAddress(lcceAddress, 0));
        }
        raw->Close();
    }

    /**
     * \brief Send octets in a UDP datagram from the peer's port to our LCCE's 1701.
     * \param bytes the UDP payload (the L2TPv3 header word first)
     * \param ipv6 over IPv6 (EnableIpv6 first) rather than IPv4
     */
    void SendUdp(const std::vector<uint8_t>& bytes, bool ipv6 = false)
    {
        Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
        if (ipv6)
        {
            Ptr<Socket> s = Socket::CreateSocket(nodes.Get(0), UdpSocketFactory::GetTypeId());
            s->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), peerPort));
            s->SendTo(p, 0, Inet6SocketAddress(lcceAddress6, 1701));
            s->Close();
            return;
        }
        socket->SendTo(p, 0, InetSocketAddress(lcceAddress, 1701));
    }

    /** \return the Assigned Control Connection ID of our SCCRP (0 if none yet) */
    uint32_t OurConnectionId() const
    {
        uint32_t id = 0;
        for (const auto& m : answers)
        {
            if (m.GetMessageType() == L2tpv3MessageType::SCCRP)
            {
                m.GetUint32(L2tpv3AvpType::ASSIGNED_CONTROL_CONNECTION_ID, id);
            }
        }
        return id;
    }

    /**
     * \param type a message type
     * \return the first answer of that type, or nullptr
     */
    const L2tpv3ControlMessage* Find(L2tpv3MessageType type) const
    {
        for (const auto& m : answers)
        {
            if (m.GetMessageType() == type)
            {
                return &m;
            }
        }
        return nullptr;
    }

    /**
     * \param type a message type
     * \return how many answers of that type arrived
     */
    uint32_t Count(L2tpv3MessageType type) const
    {
        uint32_t n = 0;
        for (const auto& m : answers)
        {
            n += m.GetMessageType() == type;
        }
        return n;
    }

    /** \return the answers' types, in order */
    std::vector<L2tpv3MessageType> Types() const
    {
        std::vector<L2tpv3MessageType> types;
        for (const auto& m : answers)
        {
            types.push_back(m.GetMessageType());
        }
        return types;
    }
};

/**
 * \ingroup l2tp-tests
 * \brief An SCCRQ or SCCRP as a peer writes it.
 * \param type SCCRQ or SCCRP
 * \param ccid the peer's Assigned Control Connection ID
 * \param capabilities its Pseudowire Capabilities List
 * \param routerId its Router ID
 * \return the message
 */
inline L2tpv3ControlMessage
PeerStart(L2tpv3MessageType type,
          uint32_t ccid,
          std::vector<uint16_t> capabilities = {5},
          uint32_t routerId = 1)
{
    L2tpv3ControlMessage m(type);
    m.Add(L2tpv3Avp::MakeString(L2tpv3AvpType::HOST_NAME, "peer"))
        .Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::ROUTER_ID, routerId))
        .Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::ASSIGNED_CONTROL_CONNECTION_ID, ccid))
        .Add(L2tpv3Avp::MakeUint16List(L2tpv3AvpType::PSEUDOWIRE_CAPABILITIES_LIST, capabilities));
    return m;
}

/// The Control Connection ID and Session ID a scripted peer assigns (Respond, Initiate).
constexpr uint32_t SCRIPTED_PEER_CCID = 0x3333;
/// \copydoc SCRIPTED_PEER_CCID
constexpr uint32_t SCRIPTED_PEER_SESSION = 0x4444;

/**
 * \ingroup l2tp-tests
 * \brief Answer what our LCCE sends as a compliant responder: SCCRP for SCCRQ, ICRP for
 * ICRQ, a ZLB for anything else sequenced.
 * \param peer the peer
 * \param m what our LCCE sent
 * \param port the peer's socket to answer from (0: the first)
 * \param sccrp the SCCRP to send (PeerStart(SCCRP, SCRIPTED_PEER_CCID) when empty)
 */
inline void
Respond(ScriptedPeer& peer,
        const L2tpv3ControlMessage& m,
        uint16_t port = 0,
        L2tpv3ControlMessage sccrp = L2tpv3ControlMessage())
{
    switch (m.GetMessageType())
    {
    case L2tpv3MessageType::SCCRQ: {
        m.GetUint32(L2tpv3AvpType::ASSIGNED_CONTROL_CONNECTION_ID, peer.ourId);
        peer.Reply(sccrp.GetAvps().empty() ? PeerStart(L2tpv3MessageType::SCCRP, SCRIPTED_PEER_CCID)
                                           : sccrp,
                   port);
        return;
    }
    case L2tpv3MessageType::ICRQ: {
        uint32_t ours = 0;
        m.GetUint32(L2tpv3AvpType::LOCAL_SESSION_ID, ours);
        L2tpv3ControlMessage icrp(L2tpv3MessageType::ICRP);
        icrp.Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::LOCAL_SESSION_ID, SCRIPTED_PEER_SESSION))
            .Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::REMOTE_SESSION_ID, ours))
            .Add(L2tpv3Avp::MakeUint16(L2tpv3AvpType::CIRCUIT_STATUS, 3));
        peer.Reply(icrp, port);
        return;
    }
    case L2tpv3MessageType::ZLB:
    case L2tpv3MessageType::ACK:
        return;
    default:
        peer.Ack(port);
    }
}

/**
 * \ingroup l2tp-tests
 * \brief Play a compliant initiator's side after its SCCRQ: SCCCN for the SCCRP, ICCN for
 * the ICRP, a ZLB for anything else sequenced.
 * \param peer the peer
 * \param m what our LCCE sent
 */
inline void
Initiate(ScriptedPeer& peer, const L2tpv3ControlMessage& m)
{
    switch (m.GetMessageType())
    {
    case L2tpv3MessageType::SCCRP:
        m.GetUint32(L2tpv3AvpType::ASSIGNED_CONTROL_CONNECTION_ID, peer.ourId);
        peer.Reply(L2tpv3ControlMessage(L2tpv3MessageType::SCCCN));
        return;
    case L2tpv3MessageType::ICRP: {
        uint32_t ours = 0;
        m.GetUint32(L2tpv3AvpType::LOCAL_SESSION_ID, ours);
        L2tpv3ControlMessage iccn(L2tpv3MessageType::ICCN);
        iccn.Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::LOCAL_SESSION_ID, SCRIPTED_PEER_SESSION))
            .Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::REMOTE_SESSION_ID, ours));
        peer.Reply(iccn);
        return;
    }
    case L2tpv3MessageType::ZLB:
    case L2tpv3MessageType::ACK:
        return;
    default:
        peer.Ack();
    }
}

/**
 * \ingroup l2tp-tests
 * \brief An ICRQ for an Ethernet pseudowire as a peer writes it.
 * \param localSessionId the peer's Session ID
 * \param remoteEndId the Remote End ID
 * \return the message
 */
inline L2tpv3ControlMessage
PeerIcrq(uint32_t localSessionId, const std::string& remoteEndId)
{
    L2tpv3ControlMessage icrq(L2tpv3MessageType::ICRQ);
    icrq.Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::LOCAL_SESSION_ID, localSessionId))
        .Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::REMOTE_SESSION_ID, 0))
        .Add(L2tpv3Avp::MakeUint32(L2tpv3AvpType::SERIAL_NUMBER, 1))
        .Add(L2tpv3Avp::MakeUint16(L2tpv3AvpType::PSEUDOWIRE_TYPE, 5))
        .Add(L2tpv3Avp::MakeString(L2tpv3AvpType::REMOTE_END_ID, remoteEndId))
        .Add(L2tpv3Avp::MakeUint16(L2tpv3AvpType::CIRCUIT_STATUS, 3));
    return icrq;
}

/**
 * \ingroup l2tp-tests
 * \param types message types
 * \return their names, space-separated (for messages of test failures)
 */
inline std::string
TypeNames(const std::vector<L2tpv3MessageType>& types)
{
    std::string s;
    for (L2tpv3MessageType t : types)
    {
        s += (s.empty() ? "" : " ") + L2tpv3MessageTypeName(static_cast<uint16_t>(t));
    }
    return s;
}

} // namespace l2tptest
} // namespace ns3

#endif /* L2TP_SCRIPTED_PEER_H */
