/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Our LCCE against bytes nobody here wrote (issue 19 item 11): two freeRtr routers
// (github mc36/freeRtr, commit 37cafe5f) captured talking L2TPv3 over IP to each other
// (test/data/freertr/README.md). Each capture holds freeRtr's bytes in both roles, so
// each replays twice:
//  - freeRtr initiates: our LCCE, in the responder's place and address, is fed the
//    initiator's messages (SCCRQ with M=1 Protocol Version and Framing Capabilities,
//    SCCCN, ICRQ, ICCN with Tx/Rx Connect Speed 24/38, SLI, HELLOs, a second SCCRQ);
//  - we initiate: our LCCE, in the initiator's place, is fed the responder's (SCCRP,
//    ZLBs, ICRP, SLI, the ZLBs acknowledging HELLO, CDN).
// The messages are freeRtr's bytes with only what must differ rewritten: the Control
// Connection ID in the header and the Remote Session ID (AVP 64) where our LCCE chose
// other IDs, the data packets' Session ID, and Nr where our LCCE sends fewer messages
// than freeRtr did (it sends no SLI) or more (a HELLO of its own timer, acknowledged by
// a ZLB as freeRtr does). Each is sent when the message before it in the
// capture has happened (our LCCE's message, or the previous one fed), after the gap
// the capture shows, so freeRtr's answers follow our LCCE's messages. What our LCCE
// sends is compared with the capture's other side: message types in order, AVP types
// (the differences named and explained), IDs, acknowledgements, counters.
// A last case decodes every control message of the captures with our codec and encodes
// it again: the same bytes.

#include "l2tp-test-utils.h"

#include "ns3/boolean.h"
#include "ns3/callback.h"
#include "ns3/csma-helper.h"
#include "ns3/double.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/ipv4-raw-socket-factory.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-interface-address.h"
#include "ns3/ipv6-raw-socket-factory.h"
#include "ns3/ipv6.h"
#include "ns3/l2tpv3-avp.h"
#include "ns3/l2tpv3-control-message.h"
#include "ns3/l2tpv3-counters.h"
#include "ns3/l2tpv3-l4-protocol.h"
#include "ns3/l2tpv3-lcce-counters.h"
#include "ns3/l2tpv3-lcce-helper.h"
#include "ns3/l2tpv3-lcce.h"
#include "ns3/l2tpv3-net-device.h"
#include "ns3/l2tpv3-profiles.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

using A = L2tpv3AvpType;
using M = L2tpv3MessageType;

/// freeRtr's commit the captures were made with (test/data/freertr/README.md).
const std::string FREERTR_COMMIT = "37cafe5fa40832c080770a7506e51499d7da99b2";

/// The Remote End ID both freeRtr routers were configured with (`vcid 1234`, AVP 66).
const std::string REMOTE_END_ID = "1234";

/**
 * \param b bytes
 * \return the big-endian 16-bit number they start with
 */
uint16_t
Get16(const uint8_t* b)
{
    return static_cast<uint16_t>((b[0] << 8) | b[1]);
}

/**
 * \param b bytes
 * \return the big-endian 32-bit number they start with
 */
uint32_t
Get32(const uint8_t* b)
{
    return (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3];
}

/**
 * \param b where to write
 * \param v the big-endian 32-bit number to write
 */
void
Put32(uint8_t* b, uint32_t v)
{
    b[0] = static_cast<uint8_t>(v >> 24);
    b[1] = static_cast<uint8_t>(v >> 16);
    b[2] = static_cast<uint8_t>(v >> 8);
    b[3] = static_cast<uint8_t>(v);
}

/**
 * \brief One L2TPv3-over-IP packet of a capture, read by hand (RFC 3931 §3.2.1, §4.1.1,
 * §5.1), never by the codec under test.
 */
struct CapturedPacket
{
    uint32_t frame{0};                  //!< frame number in the capture (1 first)
    double time{0};                     //!< seconds from the capture's first frame
    std::string source;                 //!< outer source address, as text
    bool ipv6{false};                   //!< carried over IPv6
    std::vector<uint8_t> bytes;         //!< the IP payload: Session ID, then message or frame
    bool control{false};                //!< Session ID 0: a control message
    uint32_t sessionId{0};              //!< data: the Session ID
    uint16_t type{0};                   //!< control: the Message Type (0: a ZLB)
    uint32_t ccid{0};                   //!< control: the header's Control Connection ID
    uint16_t ns{0};                     //!< control: Ns
    uint16_t nr{0};                     //!< control: Nr
    std::vector<uint16_t> avpTypes;     //!< control: the AVP types, vendor 0, in order
    std::vector<bool> avpMandatory;     //!< control: their M bits
    std::map<uint16_t, uint32_t> u32;   //!< control: AVPs 61, 63, 64 (32-bit values)
    std::map<uint16_t, std::size_t> at; //!< control: where those values are in bytes

    /** \return true for a sequenced control message (not a ZLB, §4.2) */
    bool Sequenced() const
    {
        return control && type != 0;
    }
};

/**
 * \param path a frames file: '#' comment lines, then one Ethernet frame per line, its time
 * stamp (seconds.microseconds) and its octets in hex, as dumpcap captured them
 * \param [out] error why it could not be read ("" when it could)
 * \return the frames, in order
 */
std::vector<PcapRecord>
ReadFrames(const std::string& path, std::string& error)
{
    std::vector<PcapRecord> records;
    std::ifstream in(path);
    if (!in)
    {
        error = path + ": cannot open";
        return records;
    }
    std::string line;
    for (uint32_t number = 1; std::getline(in, line); ++number)
    {
        if (line.empty() || line[0] == '#')
        {
            continue;
        }
        std::istringstream fields(line);
        std::string stamp;
        std::string hex;
        fields >> stamp >> hex;
        std::size_t dot = stamp.find('.');
        if (dot == std::string::npos || hex.empty() || hex.size() % 2 != 0 ||
            hex.find_first_not_of("0123456789abcdef") != std::string::npos)
        {
            error = path + ":" + std::to_string(number) + ": not 'seconds.microseconds hex'";
            return {};
        }
        PcapRecord r;
        r.seconds = static_cast<uint32_t>(std::stoul(stamp.substr(0, dot)));
        r.microseconds = static_cast<uint32_t>(std::stoul(stamp.substr(dot + 1)));
        for (std::size_t i = 0; i < hex.size(); i += 2)
        {
            r.data.push_back(static_cast<uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
        }
        r.originalLength = static_cast<uint32_t>(r.data.size());
        records.push_back(std::move(r));
    }
    return records;
}

/**
 * \param name a capture of test/data/freertr
 * \param [out] error why it could not be read ("" when it could)
 * \return its IP protocol 115 packets, in order
 */
std::vector<CapturedPacket>
ReadFreeRtrCapture(const std::string& name, std::string& error)
{
    std::vector<CapturedPacket> out;
    std::vector<PcapRecord> records = ReadFrames(L2tpTestDataDir() + "/freertr/" + name, error);
    if (!error.empty())
    {
        return out;
    }
    double start = records.empty() ? 0 : records[0].seconds + records[0].microseconds * 1e-6;
    for (std::size_t i = 0; i < records.size(); ++i)
    {
        IpProtocol115Packet ip;
        std::string why = ParseIpProtocol115(records[i].data, ip);
        if (!why.empty() || ip.payload.size() < 4)
        {
            error = name + " frame " + std::to_string(i + 1) + ": " + (why.empty() ? "short" : why);
            return out;
        }
        CapturedPacket p;
        p.frame = static_cast<uint32_t>(i + 1);
        p.time = records[i].seconds + records[i].microseconds * 1e-6 - start;
        p.source = ip.source;
        p.ipv6 = ip.ipv6;
        p.bytes = ip.payload;
        p.sessionId = Get32(p.bytes.data());
        p.control = p.sessionId == 0; // §4.1.1.2: Session ID 0 marks a control message
        if (p.control)
        {
            const uint8_t* h = p.bytes.data() + 4;
            std::size_t size = p.bytes.size() - 4;
            uint16_t length = size >= 12 ? Get16(h + 2) : 0;
            if (size < 12 || length < 12 || length > size)
            {
                error = name + " frame " + std::to_string(p.frame) + ": bad control header";
                return out;
            }
            p.ccid = Get32(h + 4);
            p.ns = Get16(h + 8);
            p.nr = Get16(h + 10);
            for (std::size_t o = 12; o + 6 <= length;)
            {
                uint16_t word = Get16(h + o);
                uint16_t avpLength = word & 0x03ff; // §5.1: 10-bit Length
                uint16_t vendor = Get16(h + o + 2);
                uint16_t type = Get16(h + o + 4);
                if (avpLength < 6 || o + avpLength > length || vendor != 0)
                {
                    error = name + " frame " + std::to_string(p.frame) + ": bad AVP";
                    return out;
                }
                if (p.avpTypes.empty() && type == 0 && avpLength == 8)
                {
                    p.type = Get16(h + o + 6);
                }
                if (avpLength == 10 && (type == 61 || type == 63 || type == 64))
                {
                    p.u32[type] = Get32(h + o + 6);
                    p.at[type] = 4 + o + 6;
                }
                p.avpTypes.push_back(type);
                p.avpMandatory.push_back((word & 0x8000) != 0);
                o += avpLength;
            }
        }
        out.push_back(p);
    }
    return out;
}

/**
 * \param types AVP types
 * \return them, comma-separated
 */
std::string
Join(const std::vector<uint16_t>& types)
{
    std::string s;
    for (uint16_t t : types)
    {
        s += (s.empty() ? "" : ",") + std::to_string(t);
    }
    return s;
}

/**
 * \param type a message type number (0: ZLB)
 * \return its name
 */
std::string
Name(uint16_t type)
{
    return type == 0 ? "ZLB" : L2tpv3MessageTypeName(type);
}

/**
 * \brief What a replay plays and expects: one capture, one side of it fed to our LCCE.
 */
struct ReplayPlan
{
    std::string capture;                 //!< file in test/data/freertr
    std::string peer;                    //!< the freeRtr whose messages are fed (address as text)
    std::string ours;                    //!< the other freeRtr, whose place our LCCE takes
    bool weInitiate{false};              //!< our LCCE sends the SCCRQ (AddPseudowire)
    std::set<uint32_t> skip;             //!< frames left out (and why, in the case's comments)
    uint32_t lastFrame{0};               //!< frames after it are left out (0: none)
    Time helloInterval;                  //!< our LCCE's HelloInterval
    uint32_t closeAtFrame{0};            //!< the capture's CDN from our side: ClosePseudowire there
    std::vector<uint16_t> expectedTypes; //!< our sequenced messages, in order
    std::map<uint16_t, uint64_t> expectedIgnored; //!< rxIgnoredAvps at the end
    uint32_t connectionsEstablished{1};           //!< counter at the end
    uint32_t peerCdns{0};                         //!< CDNs freeRtr sends us
    uint32_t ourCdns{0};                          //!< CDNs we send (as the capture did)
    uint32_t extraHellos{0}; //!< HELLOs we send that the capture's side did not
};

/**
 * \brief The AVP types our LCCE's message of a type leaves out, or adds, compared with
 * freeRtr's message of that type, and why (the comparison is exact: any other
 * difference fails).
 */
struct AvpDifference
{
    std::set<uint16_t> missing; //!< freeRtr sends them, we do not
    std::set<uint16_t> extra;   //!< we send them, freeRtr does not
};

/**
 * \param type a message type
 * \return the documented differences for it
 */
AvpDifference
KnownAvpDifference(uint16_t type)
{
    switch (static_cast<M>(type))
    {
    case M::SCCRQ:
        // RFC 3931 §4.7.3 / §5.4: 2, 3, 4 are L2TPv2's, never sent by us. Both send the
        // Tie Breaker (5).
        return {{2, 3, 4}, {}};
    case M::SCCRP:
        return {{2, 3, 4}, {}};
    case M::ICRQ:
        // Both send a Session Tie Breaker (5) and Call Serial Number (15); we also state
        // L2-Specific Sublayer (69) and Data Sequencing (70) none, which freeRtr never sends
        // nor reads.
        return {{}, {69, 70}};
    case M::ICRP:
        // freeRtr echoes Call Serial Number (15), Remote End ID (66) and PW Type (68) in ICRP:
        // §6.7 requires none of them. We state L2-Specific Sublayer (69) and Data
        // Sequencing (70) none, which freeRtr never sends nor reads.
        return {{15, 66, 68}, {69, 70}};
    case M::ICCN:
        // 24 / 38 are L2TPv2's Tx/Rx Connect Speed (RFC 2661 §4.4.5); freeRtr's ICCN also
        // repeats Circuit Status (71), which §6.8 does not list.
        return {{24, 38, 71}, {}};
    case M::CDN:
        // freeRtr's CDN carries Result Code, Local and Remote Session ID: as ours.
    default:
        return {};
    }
}

/**
 * \brief Our LCCE on one node, a raw IP protocol 115 socket on the other in freeRtr's
 * place; the plan's capture fed through it.
 */
class Replay
{
  public:
    /**
     * \param plan what to play
     * \param packets the capture
     */
    Replay(const ReplayPlan& plan, const std::vector<CapturedPacket>& packets)
        : m_plan(plan)
    {
        // The capture, cut to the plan; our side's sequenced messages are the expectation,
        // freeRtr's side the script.
        std::vector<CapturedPacket> kept;
        for (const auto& p : packets)
        {
            if (m_plan.skip.count(p.frame) || (m_plan.lastFrame && p.frame > m_plan.lastFrame))
            {
                continue;
            }
            kept.push_back(p);
        }
        // The connection each control message belongs to, from the IDs SCCRQ and SCCRP
        // assign (§5.4.3): a Control Connection ID in a header names the receiver's end.
        std::map<uint32_t, uint32_t>& connectionOfId = m_connectionOfId;
        uint32_t connections = 0;
        for (const auto& p : kept)
        {
            if (!p.control)
            {
                continue;
            }
            if (p.type == static_cast<uint16_t>(M::SCCRQ))
            {
                connectionOfId[p.u32.at(61)] = connections++;
            }
            else if (p.type == static_cast<uint16_t>(M::SCCRP) && connectionOfId.count(p.ccid))
            {
                connectionOfId[p.u32.at(61)] = connectionOfId[p.ccid];
                m_partner[p.ccid] = p.u32.at(61);
                m_partner[p.u32.at(61)] = p.ccid;
            }
        }
        // Our side's messages our LCCE does not send: SLI (freeRtr reports its circuit up
        // after every session set-up; §6.13 makes SLI a report of a change, ours sends
        // it only on SetCircuitStatus). freeRtr's ZLB acknowledging one is not fed, and
        // the Nr of what follows acknowledges one message fewer.
        std::map<uint32_t, std::vector<uint16_t>> omittedNs; // per connection
        int lastOurs = -1;        // index in m_expected of our side's last message so far
        bool lastOmitted = false; // our side's last sequenced message was omitted
        double lastOursTime = 0;
        for (const auto& p : kept)
        {
            bool fromPeer = p.source == m_plan.peer;
            if (!fromPeer)
            {
                if (p.Sequenced())
                {
                    lastOmitted = p.type == static_cast<uint16_t>(M::SLI);
                    if (lastOmitted)
                    {
                        omittedNs[ConnectionOf(p)].push_back(p.ns);
                        m_omitted.push_back(p);
                        continue;
                    }
                    if (p.frame == m_plan.closeAtFrame)
                    {
                        // Our side's CDN came from its operator: provoke ours at that time.
                        Item close;
                        close.packet = p;
                        close.close = true;
                        AnchorItem(close, lastOurs, lastOursTime);
                    }
                    m_expected.push_back(p);
                    lastOurs = static_cast<int>(m_expected.size()) - 1;
                    lastOursTime = p.time;
                }
                continue;
            }
            if (p.control && !p.Sequenced() && lastOmitted)
            {
                lastOmitted = false;
                continue; // the ZLB acknowledging our side's SLI
            }
            Item item;
            item.packet = p;
            item.nrCorrection = 0;
            if (p.control)
            {
                for (uint16_t ns : omittedNs[ConnectionOf(p)])
                {
                    item.nrCorrection += ns < p.nr;
                }
            }
            AnchorItem(item, lastOurs, lastOursTime);
        }
    }

    /**
     * \brief Build the network and our LCCE, run the replay to its end.
     */
    void Run()
    {
        NodeContainer nodes;
        nodes.Create(2); // 0: freeRtr's place, 1: our LCCE
        CsmaHelper csma;
        csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(100)));
        NetDeviceContainer devices = csma.Install(nodes);
        InternetStackHelper().Install(nodes);
        bool ipv6 = !m_expected.empty() && m_expected[0].ipv6;
        Address peerAddress;
        Address ourAddress;
        // The capture's own addresses (10.0.0.1 / 10.0.0.2 /24, fd00::1 / fd00::2 /64), each
        // on the node taking that router's place.
        if (ipv6)
        {
            peerAddress = Ipv6Address(m_plan.peer.c_str());
            ourAddress = Ipv6Address(m_plan.ours.c_str());
            Ipv6AddressHelper().AssignWithoutAddress(devices);
            for (uint32_t i = 0; i < 2; ++i)
            {
                nodes.Get(i)->GetObject<Icmpv6L4Protocol>()->SetAttribute("DAD",
                                                                          BooleanValue(false));
                Ptr<Ipv6> ip = nodes.Get(i)->GetObject<Ipv6>();
                int32_t interface = ip->GetInterfaceForDevice(devices.Get(i));
                ip->AddAddress(interface,
                               Ipv6InterfaceAddress(
                                   Ipv6Address::ConvertFrom(i == 0 ? peerAddress : ourAddress),
                                   Ipv6Prefix(64)));
            }
        }
        else
        {
            peerAddress = Ipv4Address(m_plan.peer.c_str());
            ourAddress = Ipv4Address(m_plan.ours.c_str());
            for (uint32_t i = 0; i < 2; ++i)
            {
                Ptr<Ipv4> ip = nodes.Get(i)->GetObject<Ipv4>();
                uint32_t interface = ip->AddInterface(devices.Get(i));
                ip->AddAddress(interface,
                               Ipv4InterfaceAddress(
                                   Ipv4Address::ConvertFrom(i == 0 ? peerAddress : ourAddress),
                                   Ipv4Mask("/24")));
                ip->SetUp(interface);
            }
        }
        m_socket = Socket::CreateSocket(nodes.Get(0),
                                        ipv6 ? Ipv6RawSocketFactory::GetTypeId()
                                             : Ipv4RawSocketFactory::GetTypeId());
        m_socket->SetAttribute("Protocol", UintegerValue(115));
        if (ipv6)
        {
            // ns-3-dev's IPv6 hands raw sockets only packets of a protocol the node has (it
            // answers the others with an ICMPv6 error): the replaying node gets the L2TPv3
            // transport too, with nothing registered on it (it counts what it sees and sends
            // nothing), so that our answers reach the socket as in 3.37.
            L2tpv3L4Protocol::GetOrCreate(nodes.Get(0));
        }
        m_socket->SetRecvCallback(MakeCallback(&Replay::Read, this));
        m_peerAddress = ourAddress;

        L2tpv3LcceHelper helper;
        helper.SetProfile(L2tpv3LcceProfile::FREERTR);
        helper.SetAttribute("HostName", StringValue("ns-3"));
        helper.SetAttribute("HelloInterval", TimeValue(m_plan.helloInterval));
        helper.SetAttribute("HelloJitter", DoubleValue(0));
        m_lcce = helper.Install(nodes.Get(1));
        m_lcce->AssignStreams(11);
        if (m_plan.weInitiate)
        {
            m_lcce->AddPseudowire(m_lcce->AddPeer(ourAddress, peerAddress), REMOTE_END_ID, nullptr);
        }
        else
        {
            m_lcce->OfferPseudowire(REMOTE_END_ID, nullptr);
        }
        m_start = Seconds(1);
        Simulator::Schedule(m_start, &Replay::Pump, this);
        Simulator::Run();
        m_counters = m_lcce->GetCounters();
        m_sessionsUpAtEnd = m_lcce->GetNSessionsUp();
        Ptr<L2tpv3NetDevice> device = m_lcce->GetDevice(REMOTE_END_ID);
        m_deviceUpAtEnd = device && device->IsLinkUp();
        m_rxDataAtEnd = device ? device->GetCounters().rxPackets : 0;
        m_connectionsAtEnd = m_lcce->GetConnections().size();
        Simulator::Destroy();
    }

    /// One thing freeRtr's side does: a packet to feed, or our side's CDN to provoke.
    struct Item
    {
        CapturedPacket packet;    //!< the captured packet (for close: our side's CDN)
        bool close{false};        //!< not fed: ClosePseudowire on our LCCE, as freeRtr's
                                  //!< operator cleared the session there
        int trigger{-1};          //!< our expected message it follows (-1: none)
        int previous{-1};         //!< the item it follows (-1: none)
        bool afterOurs{false};    //!< its last event before it is our message, not an item
        double gap{0};            //!< the capture's time since that event
        uint16_t nrCorrection{0}; //!< our side's omitted messages its Nr acknowledged
    };

    std::vector<CapturedPacket> m_expected;    //!< our side's sequenced messages to expect
    std::vector<CapturedPacket> m_omitted;     //!< our side's messages our LCCE does not send
    std::size_t m_next{0};                     //!< the next item
    std::vector<Item> m_items;                 //!< freeRtr's side, in order
    std::vector<L2tpv3ControlMessage> m_sent;  //!< what our LCCE sent (sequenced, first copy)
    std::vector<double> m_sentAt;              //!< when
    std::vector<L2tpv3ControlMessage> m_acks;  //!< every message our LCCE sent (ZLBs too)
    std::vector<std::string> m_problems;       //!< what went wrong while replaying
    std::map<uint32_t, uint32_t> m_ccidMap;    //!< captured ID of our side -> ours
    std::map<uint32_t, uint32_t> m_sessionMap; //!< captured Session ID of our side -> ours
    uint32_t m_fedData{0};                     //!< data packets fed
    uint64_t m_retransmitted{0};               //!< our sequenced messages seen again
    bool m_upBeforeTeardown{false};            //!< device up when the teardown came
    uint32_t m_sessionsBeforeTeardown{0};      //!< sessions up then
    uint64_t m_rxDataBeforeTeardown{0};        //!< frames the device delivered by then
    L2tpv3LcceCounters m_counters;             //!< our LCCE's counters at the end
    uint32_t m_sessionsUpAtEnd{0};             //!< sessions up at the end
    bool m_deviceUpAtEnd{false};               //!< device up at the end
    std::size_t m_connectionsAtEnd{0};         //!< connections our LCCE holds at the end
    uint64_t m_rxDataAtEnd{0};                 //!< frames the device delivered in all
    std::vector<double> m_extraHellos;         //!< our HELLOs the capture's side did not send
    std::vector<std::pair<uint32_t, uint16_t>> m_extraNs; //!< their connection and Ns
    std::map<uint32_t, uint16_t> m_extraPerConnection;    //!< of them per connection
    std::map<uint32_t, uint16_t> m_peerNextNs;            //!< freeRtr's next Ns per connection
    std::map<uint32_t, uint32_t> m_partner; //!< captured CCID -> the other end's, same connection
    std::map<uint32_t, uint32_t> m_fedSequenced;   //!< sequenced messages fed, per connection
    std::map<uint16_t, uint64_t> m_fedIgnorable;   //!< RFC 2661 AVPs fed, per type
    std::map<uint32_t, uint32_t> m_connectionOfId; //!< captured Control Connection ID -> index

    /**
     * \param ccid a Control Connection ID of the capture (either end's)
     * \return the capture's connection it names (0 if none)
     */
    uint32_t ConnectionOfId(uint32_t ccid) const
    {
        auto c = m_connectionOfId.find(ccid);
        return c == m_connectionOfId.end() ? 0 : c->second;
    }

    /**
     * \param p a captured control message
     * \return the capture's connection it belongs to
     */
    uint32_t ConnectionOf(const CapturedPacket& p) const
    {
        if (p.type == static_cast<uint16_t>(M::SCCRQ))
        {
            return ConnectionOfId(p.u32.at(61));
        }
        return ConnectionOfId(p.ccid);
    }

    bool m_tornDown{false}; //!< a teardown item was played

  private:
    /**
     * \brief Queue an item after the capture's last event before it.
     * \param item the item
     * \param lastOurs our side's last expected message before it (-1: none)
     * \param lastOursTime its time
     */
    void AnchorItem(Item item, int lastOurs, double lastOursTime)
    {
        item.trigger = lastOurs;
        item.previous = static_cast<int>(m_items.size()) - 1;
        double previousTime = item.previous >= 0 ? m_items[item.previous].packet.time : -1;
        item.afterOurs = lastOurs >= 0 && lastOursTime >= previousTime;
        item.gap = item.packet.time - (item.afterOurs ? lastOursTime : std::max(previousTime, 0.0));
        if (!item.afterOurs && item.previous < 0)
        {
            item.gap = 0; // the first thing of the capture starts the replay
        }
        m_items.push_back(item);
    }

    /** \brief Feed every item whose turn has come; wait for the rest. */
    void Pump()
    {
        while (m_next < m_items.size())
        {
            const Item& item = m_items[m_next];
            Time base;
            if (item.afterOurs)
            {
                if (item.trigger >= static_cast<int>(m_sentAt.size()))
                {
                    return; // our LCCE has not sent the message this one follows: Read resumes
                }
                base = Seconds(m_sentAt[item.trigger]);
            }
            else
            {
                base = item.previous >= 0 ? m_fedAt[item.previous] : m_start;
            }
            Time when = base + Seconds(item.gap);
            if (when > Simulator::Now())
            {
                if (m_pumpEvent.IsExpired())
                {
                    m_pumpEvent = Simulator::Schedule(when - Simulator::Now(), &Replay::Pump, this);
                }
                return;
            }
            Play(item);
            m_fedAt.push_back(Simulator::Now());
            ++m_next;
        }
        if (!m_endScheduled)
        {
            // One second after the last thing freeRtr did: its acknowledgements have come
            // back, and our LCCE has had time to show any unexpected message.
            m_endScheduled = true;
            Simulator::Stop(Seconds(1));
        }
    }

    /**
     * \param item freeRtr's next packet, or our side's CDN to provoke
     */
    void Play(const Item& item)
    {
        const CapturedPacket& p = item.packet;
        bool teardown = item.close || p.type == static_cast<uint16_t>(M::CDN);
        if (teardown && !m_tornDown)
        {
            m_tornDown = true;
            m_sessionsBeforeTeardown = m_lcce->GetNSessionsUp();
            Ptr<L2tpv3NetDevice> device = m_lcce->GetDevice(REMOTE_END_ID);
            m_upBeforeTeardown = device && device->IsLinkUp();
            m_rxDataBeforeTeardown = device ? device->GetCounters().rxPackets : 0;
        }
        if (item.close)
        {
            // freeRtr's `clear l2tp3` closed its session with CDN Result Code 1 (§5.4.2:
            // general request to clear); ours does the same through its public call.
            m_lcce->ClosePseudowire(REMOTE_END_ID, 1);
            return;
        }
        std::vector<uint8_t> bytes = p.bytes;
        if (!p.control)
        {
            auto s = m_sessionMap.find(p.sessionId);
            if (s == m_sessionMap.end())
            {
                m_problems.push_back("frame " + std::to_string(p.frame) +
                                     ": data for a session our LCCE never named");
                return;
            }
            Put32(bytes.data(), s->second);
            ++m_fedData;
        }
        else
        {
            if (p.ccid != 0)
            {
                auto c = m_ccidMap.find(p.ccid);
                if (c == m_ccidMap.end())
                {
                    m_problems.push_back("frame " + std::to_string(p.frame) +
                                         ": to a connection our LCCE never assigned");
                    return;
                }
                Put32(bytes.data() + 8, c->second);
            }
            uint32_t c = ConnectionOf(p);
            uint16_t nr = static_cast<uint16_t>(p.nr - item.nrCorrection + m_extraPerConnection[c]);
            m_peerNextNs[c] = static_cast<uint16_t>(p.ns + (p.Sequenced() ? 1 : 0));
            bytes[14] = static_cast<uint8_t>(nr >> 8);
            bytes[15] = static_cast<uint8_t>(nr);
            auto remote = p.u32.find(64);
            if (remote != p.u32.end() && remote->second != 0)
            {
                auto s = m_sessionMap.find(remote->second);
                if (s == m_sessionMap.end())
                {
                    m_problems.push_back("frame " + std::to_string(p.frame) +
                                         ": Remote Session ID our LCCE never assigned");
                    return;
                }
                Put32(bytes.data() + p.at.at(64), s->second);
            }
            if (p.Sequenced())
            {
                ++m_fedSequenced[c];
            }
            for (uint16_t type : p.avpTypes)
            {
                // RFC 2661's AVPs freeRtr sends (2, 3, 4 in SCCRQ/SCCRP, 24, 38 in ICCN):
                // what our LCCE must count as ignored, read from the bytes fed.
                if (type == 2 || type == 3 || type == 4 || type == 24 || type == 38)
                {
                    ++m_fedIgnorable[type];
                }
            }
        }
        SendBytes(bytes, p.ipv6);
    }

    /** \param s freeRtr's raw socket: what our LCCE sent */
    void Read(Ptr<Socket> s)
    {
        Ptr<Packet> packet;
        while ((packet = s->Recv()))
        {
            std::vector<uint8_t> bytes(packet->GetSize());
            packet->CopyData(bytes.data(), bytes.size());
            // Raw sockets hand up the IP header too (IPv4) or not; L2TPv3's Session ID
            // starts with 0 on control messages, an IP header with 4 or 6.
            std::size_t skip = 0;
            if (!bytes.empty() && (bytes[0] >> 4) == 4)
            {
                skip = (bytes[0] & 0x0f) * 4u;
            }
            else if (!bytes.empty() && (bytes[0] >> 4) == 6)
            {
                skip = 40;
            }
            if (bytes.size() < skip + 4 || Get32(bytes.data() + skip) != 0)
            {
                continue; // a data packet: we send none (no attachment)
            }
            L2tpv3ControlMessage m;
            if (L2tpv3ControlMessage::Deserialize(bytes.data() + skip + 4,
                                                  bytes.size() - skip - 4,
                                                  m) != L2tpv3ControlDecodeError::NONE)
            {
                m_problems.push_back("our LCCE sent a message our codec cannot read");
                continue;
            }
            m_acks.push_back(m);
            if (m.IsZlb() || m.GetMessageType() == M::ACK)
            {
                continue;
            }
            auto key = std::make_tuple(m.GetControlConnectionId(),
                                       m.GetNs(),
                                       static_cast<uint16_t>(m.GetMessageType()));
            if (!m_seen.insert(key).second)
            {
                ++m_retransmitted;
                continue;
            }
            std::size_t k = m_sent.size();
            if (m.GetMessageType() == M::HELLO &&
                (k >= m_expected.size() || m_expected[k].type != static_cast<uint16_t>(M::HELLO)))
            {
                // A HELLO the capture's side did not send (its timer is not freeRtr's):
                // freeRtr acknowledges an in-order HELLO with a ZLB at once (the capture's
                // ZLBs for the other side's HELLOs came within 1 ms); its later messages'
                // Nr count it.
                m_extraHellos.push_back(Simulator::Now().GetSeconds());
                uint32_t c = ConnectionOfId(m.GetControlConnectionId());
                m_extraNs.emplace_back(c, m.GetNs());
                ++m_extraPerConnection[c];
                AckExtra(m);
                continue;
            }
            m_sent.push_back(m);
            m_sentAt.push_back(Simulator::Now().GetSeconds());
            if (k < m_expected.size() &&
                static_cast<uint16_t>(m.GetMessageType()) == m_expected[k].type)
            {
                // Learn our IDs: what the capture's side assigned becomes what ours did.
                uint32_t value = 0;
                auto expected = m_expected[k].u32;
                if (expected.count(61) && m.GetUint32(A::ASSIGNED_CONTROL_CONNECTION_ID, value))
                {
                    m_ccidMap[expected[61]] = value;
                }
                if (expected.count(63) && m.GetUint32(A::LOCAL_SESSION_ID, value))
                {
                    m_sessionMap[expected[63]] = value;
                }
            }
            Pump();
        }
    }

    /**
     * \brief Acknowledge one of our LCCE's messages the capture has no answer for, with a
     * ZLB as freeRtr writes it (header only, §4.2).
     * \param m the message
     */
    void AckExtra(const L2tpv3ControlMessage& m)
    {
        uint32_t c = ConnectionOfId(m.GetControlConnectionId());
        auto partner = m_partner.find(m.GetControlConnectionId());
        auto ours = partner == m_partner.end() ? m_ccidMap.end() : m_ccidMap.find(partner->second);
        if (ours == m_ccidMap.end())
        {
            m_problems.push_back("a HELLO on a connection the replay cannot name");
            return;
        }
        std::vector<uint8_t> zlb = {0, 0, 0, 0, 0xc8, 0x03, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0};
        Put32(zlb.data() + 8, ours->second);
        uint16_t ns = m_peerNextNs[c];
        uint16_t nr = static_cast<uint16_t>(m.GetNs() + 1);
        zlb[12] = static_cast<uint8_t>(ns >> 8);
        zlb[13] = static_cast<uint8_t>(ns);
        zlb[14] = static_cast<uint8_t>(nr >> 8);
        zlb[15] = static_cast<uint8_t>(nr);
        bool ipv6 = Ipv6Address::IsMatchingType(m_peerAddress);
        Simulator::Schedule(MilliSeconds(1), [this, zlb, ipv6]() {
            SendBytes(zlb, ipv6);
        });
    }

    /**
     * \param bytes an IP payload for our LCCE
     * \param ipv6 over IPv6
     */
    void SendBytes(const std::vector<uint8_t>& bytes, bool ipv6)
    {
        Ptr<Packet> packet = Create<Packet>(bytes.data(), bytes.size());
        if (ipv6)
        {
            m_socket->SendTo(packet,
                             0,
                             Inet6SocketAddress(Ipv6Address::ConvertFrom(m_peerAddress), 0));
        }
        else
        {
            m_socket->SendTo(packet,
                             0,
                             InetSocketAddress(Ipv4Address::ConvertFrom(m_peerAddress), 0));
        }
    }

    ReplayPlan m_plan;          //!< the plan
    Ptr<Socket> m_socket;       //!< freeRtr's place: raw IP protocol 115
    Address m_peerAddress;      //!< where it sends (our LCCE)
    Ptr<L2tpv3Lcce> m_lcce;     //!< our LCCE
    Time m_start;               //!< when the replay starts
    std::vector<Time> m_fedAt;  //!< when each item was played
    EventId m_pumpEvent;        //!< the next Pump
    bool m_endScheduled{false}; //!< Simulator::Stop called
    std::set<std::tuple<uint32_t, uint16_t, uint16_t>> m_seen; //!< (CCID, Ns, type) sent
};

} // namespace

/**
 * \ingroup l2tp-tests
 * \brief One replay: a freeRtr capture, one side fed to our LCCE, the other compared with
 * what our LCCE sends.
 */
class FreeRtrReplayTestCase : public TestCase
{
  public:
    /**
     * \param plan the replay
     * \param name the case's name
     */
    FreeRtrReplayTestCase(const ReplayPlan& plan, const std::string& name)
        : TestCase(name),
          m_plan(plan)
    {
    }

  private:
    void DoRun() override
    {
        std::string error;
        std::vector<CapturedPacket> packets = ReadFreeRtrCapture(m_plan.capture, error);
        NS_TEST_ASSERT_MSG_EQ(error, "", "capture read (freeRtr " << FREERTR_COMMIT << ")");
        Replay replay(m_plan, packets);
        std::vector<uint16_t> expectedTypes;
        for (const auto& p : replay.m_expected)
        {
            expectedTypes.push_back(p.type);
        }
        // The plan states the expectation; the capture must agree with it.
        NS_TEST_ASSERT_MSG_EQ(Join(expectedTypes),
                              Join(m_plan.expectedTypes),
                              "the capture's other side (SLI apart)");
        replay.Run();

        std::string problems;
        for (const auto& s : replay.m_problems)
        {
            problems += s + "; ";
        }
        NS_TEST_EXPECT_MSG_EQ(problems, "", "the replay ran through");
        NS_TEST_EXPECT_MSG_EQ(replay.m_next, replay.m_items.size(), "every item played");

        // Message types, in order, as the capture's other freeRtr sent them.
        std::string ours;
        std::string theirs;
        for (const auto& m : replay.m_sent)
        {
            ours += (ours.empty() ? "" : " ") + Name(static_cast<uint16_t>(m.GetMessageType()));
        }
        for (uint16_t t : m_plan.expectedTypes)
        {
            theirs += (theirs.empty() ? "" : " ") + Name(t);
        }
        NS_TEST_EXPECT_MSG_EQ(ours, theirs, "our sequenced messages, in order");

        // Each message: addressed to freeRtr's own IDs, AVP types as freeRtr's but for the
        // documented differences.
        std::size_t n = std::min(replay.m_sent.size(), replay.m_expected.size());
        for (std::size_t k = 0; k < n; ++k)
        {
            const L2tpv3ControlMessage& m = replay.m_sent[k];
            const CapturedPacket& c = replay.m_expected[k];
            std::string what = "message " + std::to_string(k) + " (" + Name(c.type) +
                               ", capture frame " + std::to_string(c.frame) + ")";
            NS_TEST_EXPECT_MSG_EQ(m.GetControlConnectionId(), c.ccid, what << ": header CCID");
            NS_TEST_EXPECT_MSG_EQ(m.GetNs(),
                                  c.ns - Omitted(replay, c) + Extra(replay, m),
                                  what << ": Ns");
            std::set<uint16_t> mine;
            for (const auto& avp : m.GetAvps())
            {
                NS_TEST_EXPECT_MSG_EQ(avp.GetVendorId(), 0, what << ": vendor 0 only");
                mine.insert(avp.GetType());
            }
            std::set<uint16_t> captured(c.avpTypes.begin(), c.avpTypes.end());
            std::vector<uint16_t> missing;
            std::vector<uint16_t> extra;
            std::set_difference(captured.begin(),
                                captured.end(),
                                mine.begin(),
                                mine.end(),
                                std::back_inserter(missing));
            std::set_difference(mine.begin(),
                                mine.end(),
                                captured.begin(),
                                captured.end(),
                                std::back_inserter(extra));
            AvpDifference known = KnownAvpDifference(c.type);
            NS_TEST_EXPECT_MSG_EQ(Join(missing),
                                  Join({known.missing.begin(), known.missing.end()}),
                                  what << ": freeRtr's AVPs we do not send (ours: "
                                       << Join({mine.begin(), mine.end()}) << ")");
            NS_TEST_EXPECT_MSG_EQ(Join(extra),
                                  Join({known.extra.begin(), known.extra.end()}),
                                  what << ": our AVPs freeRtr does not send");
            auto remote = c.u32.find(64);
            uint32_t value = 0;
            if (remote != c.u32.end() && m.GetUint32(A::REMOTE_SESSION_ID, value))
            {
                NS_TEST_EXPECT_MSG_EQ(value, remote->second, what << ": freeRtr's Session ID");
            }
        }

        // Everything fed acknowledged: per connection, the highest Nr we sent is the number
        // of freeRtr's sequenced messages on it (§4.2).
        std::map<uint32_t, uint16_t> highestNr;
        for (const auto& m : replay.m_acks)
        {
            if (m.GetControlConnectionId() == 0)
            {
                continue; // our SCCRQ: nothing to acknowledge yet
            }
            uint32_t c = replay.ConnectionOfId(m.GetControlConnectionId());
            highestNr[c] = std::max(highestNr[c], m.GetNr());
        }
        for (const auto& [c, fed] : replay.m_fedSequenced)
        {
            NS_TEST_EXPECT_MSG_EQ(highestNr[c], fed, "connection " << c << ": all acknowledged");
        }
        std::string extra;
        for (double t : replay.m_extraHellos)
        {
            std::ostringstream os;
            os << t - 1; // the replay starts at 1 s
            extra += (extra.empty() ? "" : " ") + os.str();
        }

        NS_TEST_EXPECT_MSG_EQ(replay.m_extraHellos.size(),
                              m_plan.extraHellos,
                              "HELLOs the capture's side did not send, at " << extra << " s");

        // Counters.
        const L2tpv3LcceCounters& counters = replay.m_counters;
        NS_TEST_EXPECT_MSG_EQ((counters.rxIgnoredAvps == m_plan.expectedIgnored),
                              true,
                              "RFC 2661 AVPs ignored per type: " << IgnoredText(counters));
        NS_TEST_EXPECT_MSG_EQ((replay.m_fedIgnorable == m_plan.expectedIgnored),
                              true,
                              "the plan's count is what the bytes fed carry");
        NS_TEST_EXPECT_MSG_EQ(counters.protocolErrors, 0, "no protocol error");
        NS_TEST_EXPECT_MSG_EQ(counters.invalidNr, 0, "no Nr beyond what we sent");
        NS_TEST_EXPECT_MSG_EQ(counters.duplicates, 0, "no duplicate");
        NS_TEST_EXPECT_MSG_EQ(counters.outOfWindow, 0, "nothing out of window");
        NS_TEST_EXPECT_MSG_EQ(counters.unknownConnection, 0, "no unknown connection");
        NS_TEST_EXPECT_MSG_EQ(counters.unknownSession, 0, "no unknown session");
        uint64_t decodeErrors = 0;
        for (uint64_t e : counters.decodeErrors)
        {
            decodeErrors += e;
        }
        NS_TEST_EXPECT_MSG_EQ(decodeErrors, 0, "every message of freeRtr's decoded");
        NS_TEST_EXPECT_MSG_EQ(counters.retransmissions, 0, "nothing retransmitted");
        NS_TEST_EXPECT_MSG_EQ(replay.m_retransmitted, 0, "no copy seen by freeRtr's side");
        NS_TEST_EXPECT_MSG_EQ(counters.stopCcnSent.empty(), true, "no StopCCN from us");
        NS_TEST_EXPECT_MSG_EQ(counters.GetTx(M::STOPCCN), 0, "no StopCCN from us");
        NS_TEST_EXPECT_MSG_EQ(counters.GetTx(M::CDN), m_plan.ourCdns, "our CDNs: the capture's");
        uint64_t cdnResult1 = counters.cdnSent.count(1) ? counters.cdnSent.at(1) : 0;
        NS_TEST_EXPECT_MSG_EQ(cdnResult1, m_plan.ourCdns, "with Result Code 1, as freeRtr");
        uint64_t peerCdns = counters.cdnReceived.count(1) ? counters.cdnReceived.at(1) : 0;
        NS_TEST_EXPECT_MSG_EQ(peerCdns, m_plan.peerCdns, "freeRtr's CDN, Result Code 1");
        NS_TEST_EXPECT_MSG_EQ(counters.connectionsEstablished,
                              m_plan.connectionsEstablished,
                              "control connections established");
        NS_TEST_EXPECT_MSG_EQ(counters.sessionsUp, 1, "the session established");
        NS_TEST_EXPECT_MSG_GT(replay.m_fedData, 0, "freeRtr's data frames fed");

        // States: the session and its device up while freeRtr's data came, down after the
        // teardown (or still up when the capture has none).
        if (replay.m_tornDown)
        {
            NS_TEST_EXPECT_MSG_EQ(replay.m_sessionsBeforeTeardown, 1, "session up before");
            NS_TEST_EXPECT_MSG_EQ(replay.m_upBeforeTeardown, true, "device up before");
            NS_TEST_EXPECT_MSG_EQ(replay.m_rxDataBeforeTeardown,
                                  replay.m_fedData,
                                  "every data frame of freeRtr's delivered");
            NS_TEST_EXPECT_MSG_EQ(replay.m_sessionsUpAtEnd, 0, "session down after");
            NS_TEST_EXPECT_MSG_EQ(replay.m_deviceUpAtEnd, false, "device down after");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(replay.m_sessionsUpAtEnd, 1, "session up at the end");
            NS_TEST_EXPECT_MSG_EQ(replay.m_deviceUpAtEnd, true, "device up at the end");
            NS_TEST_EXPECT_MSG_EQ(replay.m_rxDataAtEnd,
                                  replay.m_fedData,
                                  "every data frame of freeRtr's delivered");
        }
        NS_TEST_EXPECT_MSG_EQ(replay.m_connectionsAtEnd,
                              m_plan.connectionsEstablished,
                              "connections held at the end");
    }

    /**
     * \param replay the replay
     * \param c one of our side's captured messages
     * \return how many of our side's omitted messages (SLI) precede it on its connection
     */
    static uint16_t Omitted(const Replay& replay, const CapturedPacket& c)
    {
        uint16_t n = 0;
        for (const auto& p : replay.m_omitted)
        {
            n += replay.ConnectionOf(p) == replay.ConnectionOf(c) && p.ns < c.ns;
        }
        return n;
    }

    /**
     * \param replay the replay
     * \param m one of our LCCE's messages
     * \return how many extra HELLOs of ours precede it on its connection
     */
    static uint16_t Extra(const Replay& replay, const L2tpv3ControlMessage& m)
    {
        uint16_t n = 0;
        uint32_t c = replay.ConnectionOfId(m.GetControlConnectionId());
        for (const auto& [connection, ns] : replay.m_extraNs)
        {
            n += connection == c && ns < m.GetNs();
        }
        return n;
    }

    /**
     * \param c counters
     * \return rxIgnoredAvps as "type:count ..."
     */
    static std::string IgnoredText(const L2tpv3LcceCounters& c)
    {
        std::string s;
        for (const auto& [type, count] : c.rxIgnoredAvps)
        {
            s += std::to_string(type) + ":" + std::to_string(count) + " ";
        }
        return s;
    }

    ReplayPlan m_plan; //!< the replay
};

/**
 * \ingroup l2tp-tests
 * \brief Every control message of freeRtr's captures through our codec: decoded, the
 * hand-read type and AVPs agree, encoded again to the same bytes.
 */
class FreeRtrCodecRoundTripTestCase : public TestCase
{
  public:
    FreeRtrCodecRoundTripTestCase()
        : TestCase("codec: every control message freeRtr sent decodes (type, AVP types, "
                   "M bits, the RFC 2661 AVPs named) and encodes to the same bytes")
    {
    }

  private:
    void DoRun() override
    {
        uint32_t messages = 0;
        uint32_t withRfc2661 = 0;
        for (const std::string name :
             {"freertr-l2tpv3-server.frames", "freertr-l2tpv3-server-ipv6.frames"})
        {
            std::string error;
            std::vector<CapturedPacket> packets = ReadFreeRtrCapture(name, error);
            NS_TEST_ASSERT_MSG_EQ(error, "", "capture read");
            for (const auto& p : packets)
            {
                if (!p.control)
                {
                    continue;
                }
                ++messages;
                std::string what = name + " frame " + std::to_string(p.frame);
                L2tpv3ControlMessage m;
                L2tpv3ControlDecodeError e =
                    L2tpv3ControlMessage::Deserialize(p.bytes.data() + 4, p.bytes.size() - 4, m);
                NS_TEST_ASSERT_MSG_EQ((e == L2tpv3ControlDecodeError::NONE), true, what);
                NS_TEST_EXPECT_MSG_EQ(static_cast<uint16_t>(m.GetMessageType()), p.type, what);
                NS_TEST_EXPECT_MSG_EQ(m.GetControlConnectionId(), p.ccid, what);
                NS_TEST_EXPECT_MSG_EQ(m.GetNs(), p.ns, what);
                NS_TEST_EXPECT_MSG_EQ(m.GetNr(), p.nr, what);
                std::vector<uint16_t> types;
                std::vector<bool> mandatory;
                for (const auto& avp : m.GetAvps())
                {
                    types.push_back(avp.GetType());
                    mandatory.push_back(avp.IsMandatory());
                }
                NS_TEST_EXPECT_MSG_EQ(Join(types), Join(p.avpTypes), what << ": AVP types");
                NS_TEST_EXPECT_MSG_EQ((mandatory == p.avpMandatory), true, what << ": M bits");
                std::vector<uint16_t> rfc2661;
                for (uint16_t t : p.avpTypes)
                {
                    if (t == 2 || t == 3 || t == 4 || t == 24 || t == 38)
                    {
                        rfc2661.push_back(t);
                    }
                }
                withRfc2661 += !rfc2661.empty();
                NS_TEST_EXPECT_MSG_EQ(Join(m.GetIgnoredL2tpv2Avps()),
                                      Join(rfc2661),
                                      what << ": the RFC 2661 AVPs, ignored");
                std::vector<uint8_t> original(p.bytes.begin() + 4, p.bytes.end());
                NS_TEST_EXPECT_MSG_EQ(ToHex(m.Serialize().data(), m.GetSerializedSize()),
                                      ToHex(original.data(), original.size()),
                                      what << ": encoded again byte for byte");
            }
        }
        // server: 31 control messages; ipv6: 18 (a fixed count: a changed capture fails).
        NS_TEST_EXPECT_MSG_EQ(messages, 31 + 18, "control messages in the two captures");
        // SCCRQ, SCCRP, ICCN per connection: 3 + 2 (server, reconnect) + 4 (ipv6: 2 SCCRQs).
        NS_TEST_EXPECT_MSG_EQ(withRfc2661, 9, "messages carrying RFC 2661 AVPs");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Replays of freeRtr's recorded L2TPv3, test suite.
 */
class L2tpv3FreeRtrReplayTestSuite : public TestSuite
{
  public:
    L2tpv3FreeRtrReplayTestSuite()
        : TestSuite("l2tp-freertr-replay")
    {
        const uint16_t SCCRQ = 1;
        const uint16_t SCCRP = 2;
        const uint16_t SCCCN = 3;
        const uint16_t HELLO = 6;
        const uint16_t ICRQ = 10;
        const uint16_t ICRP = 11;
        const uint16_t ICCN = 12;
        const uint16_t CDN = 14;
        {
            // freeRtr B (10.0.0.2, vpdn direction outgoing) initiates; our LCCE is A
            // (`server l2tp3`). B's SCCRQ, SCCCN, ICRQ 5 s later, ZLB + ICCN, SLI, data, six
            // HELLOs; at frame 46 A's operator cleared the session (CDN Result 1), B
            // acknowledged, dropped its connection without a StopCCN and, 1 s later,
            // opened a new one (frames 48-51). Our HelloInterval is 25 s, freeRtr
            // server's effective one (timer 5 in 5 s ticks): the capture's A sent none.
            ReplayPlan p;
            p.capture = "freertr-l2tpv3-server.frames";
            p.peer = "10.0.0.2";
            p.ours = "10.0.0.1";
            p.weInitiate = false;
            p.helloInterval = Seconds(25);
            p.closeAtFrame = 46;
            p.expectedTypes = {SCCRP, ICRP, CDN, SCCRP};
            p.expectedIgnored = {{2, 2}, {3, 2}, {4, 2}, {24, 1}, {38, 1}};
            p.connectionsEstablished = 2;
            p.ourCdns = 1;
            // Our LCCE sends a HELLO every HelloInterval when nothing of its own is
            // outstanding, even while the peer's HELLOs arrive (freeRtr's server sends none
            // then): one, 25 s after the connection came up, acknowledged by a ZLB.
            p.extraHellos = 1;
            AddTestCase(new FreeRtrReplayTestCase(
                p,
                "IPv4, freeRtr initiates: SCCRP, ICRP, its HELLOs acknowledged, our CDN 1 "
                "acknowledged, its new SCCRQ answered; AVPs 2, 3, 4, 24, 38 ignored, counted"));
        }
        {
            // Our LCCE is B, the initiator; freeRtr A (server) answers. Frames 48-51 (B's
            // new connection after the CDN) are left out: freeRtr's client restarts when
            // its only session is gone, ours keeps the connection.
            ReplayPlan p;
            p.capture = "freertr-l2tpv3-server.frames";
            p.peer = "10.0.0.1";
            p.ours = "10.0.0.2";
            p.weInitiate = true;
            p.lastFrame = 47;
            p.helloInterval = Seconds(6); // the capture's B: a HELLO every 6 s
            p.expectedTypes = {SCCRQ, SCCCN, ICRQ, ICCN, HELLO, HELLO, HELLO, HELLO, HELLO, HELLO};
            p.expectedIgnored = {{2, 1}, {3, 1}, {4, 1}};
            p.connectionsEstablished = 1;
            p.peerCdns = 1;
            AddTestCase(new FreeRtrReplayTestCase(
                p,
                "IPv4, we initiate: SCCRQ, SCCCN, ICRQ, ICCN, six HELLOs acknowledged, "
                "freeRtr's CDN 1 takes the session down; AVPs 2, 3, 4 of its SCCRP ignored"));
        }
        {
            // IPv6: B's first SCCRQ (frame 1) went unanswered (A was resolving its neighbour)
            // and was sent again 5 s later: the replay starts at the copy A answered.
            ReplayPlan p;
            p.capture = "freertr-l2tpv3-server-ipv6.frames";
            p.peer = "fd00::2";
            p.ours = "fd00::1";
            p.weInitiate = false;
            p.skip = {1};
            p.helloInterval = Seconds(25);
            p.expectedTypes = {SCCRP, ICRP};
            p.expectedIgnored = {{2, 1}, {3, 1}, {4, 1}, {24, 1}, {38, 1}};
            p.connectionsEstablished = 1;
            AddTestCase(new FreeRtrReplayTestCase(
                p,
                "IPv6, freeRtr initiates: SCCRP, ICRP, its data delivered, its HELLOs "
                "acknowledged; AVPs 2, 3, 4, 24, 38 ignored, counted"));
        }
        {
            ReplayPlan p;
            p.capture = "freertr-l2tpv3-server-ipv6.frames";
            p.peer = "fd00::1";
            p.ours = "fd00::2";
            p.weInitiate = true;
            p.skip = {1};
            p.helloInterval = Seconds(6);
            p.expectedTypes = {SCCRQ, SCCCN, ICRQ, ICCN, HELLO, HELLO};
            p.expectedIgnored = {{2, 1}, {3, 1}, {4, 1}};
            p.connectionsEstablished = 1;
            AddTestCase(new FreeRtrReplayTestCase(
                p,
                "IPv6, we initiate: SCCRQ, SCCCN, ICRQ, ICCN, two HELLOs acknowledged, "
                "freeRtr's data delivered; AVPs 2, 3, 4 of its SCCRP ignored"));
        }
        AddTestCase(new FreeRtrCodecRoundTripTestCase);
    }
};

/// Static instance.
static L2tpv3FreeRtrReplayTestSuite g_l2tpv3FreeRtrReplayTestSuite;
