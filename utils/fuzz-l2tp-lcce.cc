/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// libFuzzer harness for the control plane's state machines: arbitrary control
// messages from arbitrary peers into an LCCE, through the real transport.
//
// Per input, a fresh simulation: node I (192.0.2.1) runs an LCCE that opens a
// control connection to node R (192.0.2.2) and brings up pseudowire "pw1";
// R's LCCE offers "pw1" and "pw2". After the real handshake, the input's
// messages go into R's receive path (L2tpv3L4Protocol::Receive with an
// Ipv4Header for IP, UdpL4Protocol::Receive for UDP, so through R's socket),
// the simulator running between messages so that acknowledgement,
// retransmission, HELLO and clean-up timers fire. At the end the simulation
// runs on, then everything is destroyed (LeakSanitizer sees each input's
// leaks).
//
// Input layout:
//   byte 0: configuration of both LCCEs
//     bit 0: UDP encapsulation (else IP)
//     bits 1-2: CookieLength 0, 4, 8, 0
//     bit 3: default sublayer and DataSequencing
//     bit 4: no Control Connection Tie Breaker AVPs
//     bit 5: R also opens a connection to I (pseudowire "pwR"): a tie
//   then chunks: an option byte, a 16-bit length, that many octets (a control
//   message, control header first; fewer when the input ends). Option bits:
//     bits 0-1: source: I, 192.0.2.3, 192.0.2.4 (on R's link), 198.51.100.1 (no route)
//     bit 2: the other transport than R's encapsulation
//     bit 3: Control Connection ID := R's newest connection with that source
//     bit 4: Ns := that connection's expected Ns, Nr := its next Ns
//     bit 5: Remote Session ID AVP := one of that connection's sessions (re-encoded)
//     bit 6: UDP source port 1702 (else 1701)
//     bit 7: 1 s of simulation after the message (else 20 ms)
// Over IP the harness puts Session ID 0 in front, so every chunk is a control message.
//
// With L2TP_FUZZ_SEEDS_LCCE=DIR (and optionally L2TP_FUZZ_SEEDS_CODEC=DIR) in the
// environment, the binary instead writes seeds made of the messages our own LCCEs
// send (SCCRQ, SCCCN, ICRQ, ICCN, HELLO, StopCCN, ZLBs) and exits. Built and run by
// utils/fuzz.

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/l2tp-module.h"
#include "ns3/network-module.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// R's address.
const Ipv4Address kResponder("192.0.2.2");
/// The sources a chunk can come from.
const Ipv4Address kSources[] = {Ipv4Address("192.0.2.1"),
                                Ipv4Address("192.0.2.3"),
                                Ipv4Address("192.0.2.4"),
                                Ipv4Address("198.51.100.1")};

/// One simulation: two LCCEs on a link.
struct World
{
    Ptr<Node> i;                  //!< the initiator
    Ptr<Node> r;                  //!< the responder, under test
    Ptr<L2tpv3Lcce> lcceI;        //!< I's LCCE
    Ptr<L2tpv3Lcce> lcceR;        //!< R's LCCE
    Ptr<L2tpv3L4Protocol> l4;     //!< R's L2TPv3 transport
    Ptr<UdpL4Protocol> udp;       //!< R's UDP
    Ptr<Ipv4Interface> ifR;       //!< R's interface on the link
    bool udpEncapsulation{false}; //!< R's (and I's) encapsulation
};

/**
 * \brief Build the two nodes and their LCCEs.
 * \param config the input's first byte
 * \param world [out] the world
 */
void
Build(uint8_t config, World& world)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    world.i = CreateObject<Node>();
    world.r = CreateObject<Node>();
    Ptr<SimpleChannel> channel = CreateObject<SimpleChannel>();
    channel->SetAttribute("Delay", TimeValue(MilliSeconds(1)));
    NetDeviceContainer devices;
    for (Ptr<Node> n : {world.i, world.r})
    {
        Ptr<SimpleNetDevice> d = CreateObject<SimpleNetDevice>();
        d->SetAddress(Mac48Address::Allocate());
        d->SetChannel(channel);
        n->AddDevice(d);
        devices.Add(d);
    }
    InternetStackHelper internet;
    internet.SetIpv6StackInstall(false);
    internet.Install(NodeContainer(world.i, world.r));
    Ipv4AddressHelper("192.0.2.0", "255.255.255.0").Assign(devices);

    world.udpEncapsulation = config & 1;
    static const uint32_t cookies[] = {0, 4, 8, 0};
    L2tpv3LcceHelper helper;
    helper.SetAttribute("Encapsulation", StringValue(world.udpEncapsulation ? "udp" : "ip"));
    helper.SetAttribute("CookieLength", UintegerValue(cookies[(config >> 1) & 3]));
    if (config & 8)
    {
        helper.SetAttribute("L2SpecificSublayer", StringValue("default"));
        helper.SetAttribute("DataSequencing", BooleanValue(true));
    }
    helper.SetAttribute("TieBreaker", BooleanValue(!(config & 16)));
    // Short timers, so that a few simulated seconds see them all fire.
    helper.SetAttribute("RetransmitTimeout", TimeValue(MilliSeconds(100)));
    helper.SetAttribute("RetransmitCap", TimeValue(MilliSeconds(400)));
    helper.SetAttribute("MaxRetries", UintegerValue(3));
    helper.SetAttribute("AckDelay", TimeValue(MilliSeconds(10)));
    helper.SetAttribute("HelloInterval", TimeValue(Seconds(1)));
    helper.SetAttribute("ReconnectDelay", TimeValue(MilliSeconds(500)));
    helper.SetAttribute("ReceiveWindowSize", UintegerValue(4));
    world.lcceI = helper.Install(world.i);
    world.lcceR = helper.Install(world.r);
    world.lcceI->AssignStreams(1);
    world.lcceR->AssignStreams(2);
    world.lcceI->AddPseudowire(world.lcceI->AddPeer(kSources[0], kResponder), "pw1", nullptr);
    world.lcceR->OfferPseudowire("pw1", nullptr);
    world.lcceR->OfferPseudowire("pw2", nullptr);
    if (config & 32)
    {
        world.lcceR->AddPseudowire(world.lcceR->AddPeer(kResponder, kSources[0]), "pwR", nullptr);
        world.lcceI->OfferPseudowire("pwR", nullptr);
    }
    world.l4 = world.r->GetObject<L2tpv3L4Protocol>();
    world.udp = world.r->GetObject<UdpL4Protocol>();
    world.ifR = world.r->GetObject<Ipv4L3Protocol>()->GetInterface(1);
}

/**
 * \param world the world
 * \param source a peer address
 * \return R's newest connection with that peer, or nullptr
 */
Ptr<const L2tpv3ControlConnection>
NewestConnection(const World& world, const Ipv4Address& source)
{
    Ptr<const L2tpv3ControlConnection> newest;
    for (const auto& [id, c] : world.lcceR->GetConnections())
    {
        if (c->GetPeer() == Address(source) &&
            (!newest || c->GetOpenedAt() >= newest->GetOpenedAt()))
        {
            newest = c;
        }
    }
    return newest;
}

/**
 * \brief Write a big-endian integer into a message.
 * \param at where
 * \param value the value
 * \param octets 2 or 4
 */
void
Put(uint8_t* at, uint32_t value, int octets)
{
    for (int k = octets - 1; k >= 0; --k)
    {
        at[k] = value & 0xff;
        value >>= 8;
    }
}

/**
 * \brief Patch one message as its option byte asks and deliver it to R.
 * \param world the world
 * \param option the option byte
 * \param message the message, control header first
 */
void
Deliver(World& world, uint8_t option, std::vector<uint8_t> message)
{
    const Ipv4Address& source = kSources[option & 3];
    Ptr<const L2tpv3ControlConnection> target = NewestConnection(world, source);
    if (target && (option & 32))
    {
        L2tpv3ControlMessage m;
        if (L2tpv3ControlMessage::Deserialize(message.data(), message.size(), m) ==
                L2tpv3ControlDecodeError::NONE &&
            m.Find(L2tpv3AvpType::REMOTE_SESSION_ID) && !target->GetSessions().empty())
        {
            uint32_t old = 0;
            m.GetUint32(L2tpv3AvpType::REMOTE_SESSION_ID, old);
            const auto sessions = target->GetSessions();
            auto s = sessions.begin();
            std::advance(s, old % sessions.size());
            L2tpv3ControlMessage patched;
            patched.SetControlConnectionId(m.GetControlConnectionId());
            patched.SetNs(m.GetNs());
            patched.SetNr(m.GetNr());
            for (const L2tpv3Avp& avp : m.GetAvps())
            {
                patched.Add(avp.Is(L2tpv3AvpType::REMOTE_SESSION_ID)
                                ? L2tpv3Avp::MakeUint32(L2tpv3AvpType::REMOTE_SESSION_ID,
                                                        s->first,
                                                        avp.IsMandatory())
                                : avp);
            }
            message = patched.Serialize();
        }
    }
    if (target && message.size() >= L2tpv3ControlMessage::HEADER_SIZE)
    {
        if (option & 8)
        {
            Put(&message[4], target->GetLocalId(), 4);
        }
        if (option & 16)
        {
            Put(&message[8], target->GetChannel()->GetExpectedNs(), 2);
            Put(&message[10], target->GetChannel()->GetNextNs(), 2);
        }
    }
    bool udp = world.udpEncapsulation != bool(option & 4);
    uint16_t port = (option & 64) ? 1702 : 1701;
    Ipv4Header ip;
    ip.SetSource(source);
    ip.SetDestination(kResponder);
    if (udp)
    {
        Ptr<Packet> p = Create<Packet>(message.data(), message.size());
        UdpHeader u;
        u.SetSourcePort(port);
        u.SetDestinationPort(1701);
        p->AddHeader(u);
        ip.SetProtocol(UdpL4Protocol::PROT_NUMBER);
        ip.SetPayloadSize(p->GetSize());
        world.udp->Receive(p, ip, world.ifR);
    }
    else
    {
        message.insert(message.begin(), 4, 0); // Session ID 0 (RFC 3931 §4.1.1.2)
        Ptr<Packet> p = Create<Packet>(message.data(), message.size());
        ip.SetProtocol(L2tpv3L4Protocol::PROT_NUMBER);
        ip.SetPayloadSize(p->GetSize());
        world.l4->Receive(p, ip, world.ifR);
    }
}

/**
 * \brief Run the simulation for a while.
 * \param duration how long
 */
void
RunFor(Time duration)
{
    Simulator::Stop(duration);
    Simulator::Run();
}

/// The most chunks an input delivers (bounds an execution's time).
constexpr std::size_t MAX_CHUNKS = 64;

/**
 * \brief Write a file.
 * \param path its path
 * \param bytes its contents
 */
void
WriteFile(const std::string& path, const std::vector<uint8_t>& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

/**
 * \brief Append a chunk to a seed.
 * \param seed the seed
 * \param option the option byte
 * \param message the message
 */
void
AddChunk(std::vector<uint8_t>& seed, uint8_t option, const std::vector<uint8_t>& message)
{
    seed.push_back(option);
    seed.push_back(message.size() >> 8);
    seed.push_back(message.size() & 0xff);
    seed.insert(seed.end(), message.begin(), message.end());
}

/**
 * \brief Record what our LCCEs send in clean runs and write seeds from it.
 * \param lcceDir where the LCCE harness's seeds go
 * \param codecDir where the codec harness's seeds go (nullptr: none)
 */
void
WriteSeeds(const std::string& lcceDir, const char* codecDir)
{
    std::size_t written = 0;
    for (uint8_t config : {0x00, 0x01, 0x03, 0x0d, 0x20, 0x21})
    {
        World world;
        Build(config, world);
        std::vector<std::vector<uint8_t>> fromI;
        std::vector<std::vector<uint8_t>> fromR;
        world.lcceI->TraceConnectWithoutContext(
            "ControlTx",
            Callback<void, uint32_t, const L2tpv3ControlMessage&>(
                [&fromI](uint32_t, const L2tpv3ControlMessage& m) {
                    fromI.push_back(m.Serialize());
                }));
        world.lcceR->TraceConnectWithoutContext(
            "ControlTx",
            Callback<void, uint32_t, const L2tpv3ControlMessage&>(
                [&fromR](uint32_t, const L2tpv3ControlMessage& m) {
                    fromR.push_back(m.Serialize());
                }));
        RunFor(Seconds(2.5)); // up, and a HELLO
        world.lcceI->CloseAll();
        RunFor(Seconds(1));
        Simulator::Destroy();
        std::string prefix = lcceDir + "/own-" + std::to_string(config) + "-";
        // I's whole conversation again, from a stranger on the link (a second
        // connection, patched to R's IDs and sequence numbers), then into I's own connection.
        for (uint8_t option : {0x39, 0x38, 0xb9})
        {
            std::vector<uint8_t> seed{config};
            for (const auto& m : fromI)
            {
                AddChunk(seed, option, m);
            }
            WriteFile(prefix + "replay-" + std::to_string(option), seed);
            ++written;
        }
        for (std::size_t k = 0; k < fromI.size(); ++k)
        {
            std::vector<uint8_t> seed{config};
            AddChunk(seed, 0x38, fromI[k]);
            WriteFile(prefix + "i" + std::to_string(k), seed);
            ++written;
        }
        for (std::size_t k = 0; k < fromR.size(); ++k)
        {
            std::vector<uint8_t> seed{config};
            AddChunk(seed, 0x38, fromR[k]);
            WriteFile(prefix + "r" + std::to_string(k), seed);
            ++written;
        }
        if (codecDir)
        {
            std::size_t k = 0;
            for (const auto* all : {&fromI, &fromR})
            {
                for (const auto& m : *all)
                {
                    WriteFile(std::string(codecDir) + "/own-" + std::to_string(config) + "-" +
                                  std::to_string(k++),
                              m);
                }
            }
        }
    }
    std::cout << "fuzz-l2tp-lcce: wrote " << written << " seeds in " << lcceDir << "\n";
}

} // namespace

extern "C" int
LLVMFuzzerInitialize(int*, char***)
{
    if (const char* dir = std::getenv("L2TP_FUZZ_SEEDS_LCCE"))
    {
        WriteSeeds(dir, std::getenv("L2TP_FUZZ_SEEDS_CODEC"));
        std::exit(0);
    }
    return 0;
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
    {
        return 0;
    }
    {
        World world;
        Build(data[0], world);
        RunFor(MilliSeconds(50)); // the real connection and session come up
        std::size_t at = 1;
        for (std::size_t n = 0; n < MAX_CHUNKS && at + 3 <= size; ++n)
        {
            uint8_t option = data[at];
            std::size_t length = (std::size_t(data[at + 1]) << 8) | data[at + 2];
            at += 3;
            length = std::min(length, size - at);
            std::vector<uint8_t> message(data + at, data + at + length);
            at += length;
            Simulator::ScheduleWithContext(world.r->GetId(),
                                           Seconds(0),
                                           [&world, option, message]() {
                                               Deliver(world, option, message);
                                           });
            RunFor(option & 0x80 ? Seconds(1) : MilliSeconds(20));
        }
        // Long enough for a full retransmission cycle (0.1 + 0.2 + 0.4 + 0.4 s) and a HELLO.
        RunFor(Seconds(2));
        world.lcceR->CloseAll();
        world.lcceI->CloseAll();
        RunFor(Seconds(2));
    }
    Simulator::Destroy();
    return 0;
}
