/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The lab's stages (lab/l2tpv3-lab-*.h): the parser reads the text into a Script, the
// checker reads each node command once into a Plan, and the executor runs each command's
// actions once, without reading the command again.

#include "../lab/l2tpv3-lab-executor.h"
#include "../lab/l2tpv3-lab-model.h"
#include "../lab/l2tpv3-lab-parser.h"
#include "l2tp-lab-test-text.h"

#include "ns3/l2tpv3-lab.h"
#include "ns3/names.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <string>

using namespace ns3;

namespace
{

/** The manual's two sites (as in l2tp-lab's suite), 22 node commands; X pings Y 6 times. */
const std::string g_lab = L2tpTestManualLab() + "ping X Y count 6 start 1s\n";

/** Node commands in g_lab. */
constexpr uint64_t g_configuration = 22;

/**
 * \brief Run a checked plan for \p seconds, as L2tpv3Lab::Run does, and end the simulation.
 * \param script the lab
 * \param plan its plan
 * \param seconds how long
 * \param executed set to the commands whose actions ran
 * \return the results
 */
L2tpv3Lab::Results
RunPlan(const lab::Script& script, const lab::Plan& plan, double seconds, uint64_t& executed)
{
    L2tpv3Lab::Results results;
    {
        lab::Executor executor(script, plan, false, "");
        executor.Build(results);
        Simulator::Stop(Seconds(seconds));
        Simulator::Run();
        executor.Collect(results);
        executed = executor.GetCommandsExecuted();
        Simulator::Destroy();
    }
    Names::Clear();
    return results;
}

/**
 * \ingroup l2tp-tests
 * \brief Each command is checked once and its actions run once; a timed command after the end
 * of the run never runs.
 */
class LabOnceTestCase : public TestCase
{
  public:
    LabOnceTestCase()
        : TestCase("each command checked once, its actions run once")
    {
    }

  private:
    void DoRun() override
    {
        lab::Script script;
        script.file = "once.lab";
        lab::Parse(g_lab + "at 3.5s B: ifconfig l2tp0 down\n"
                           "at 4.5s B: ifconfig l2tp0 up\n"
                           "at 20s B: ifconfig l2tp0 down\n",
                   script);
        NS_TEST_ASSERT_MSG_EQ(script.errors.size(), 0, "the lab reads");
        NS_TEST_ASSERT_MSG_EQ(script.commands.size(), g_configuration + 3, "node commands");
        lab::Checker checker(script);
        lab::Plan plan = checker.Check();
        NS_TEST_EXPECT_MSG_EQ(checker.GetCommandsChecked(), g_configuration + 3, "each once");
        NS_TEST_ASSERT_MSG_EQ(plan.configuration.size(), g_configuration, "configuration");
        NS_TEST_ASSERT_MSG_EQ(plan.timed.size(), 3, "timed commands");
        // `ifconfig l2tp0 create` (line 7) makes one device: one action.
        NS_TEST_EXPECT_MSG_EQ(plan.configuration[1].command->line, 7, "A's l2tp0 create");
        NS_TEST_EXPECT_MSG_EQ(plan.configuration[1].actions.size(), 1, "one device made");
        uint64_t executed = 0;
        L2tpv3Lab::Results r = RunPlan(script, plan, 8, executed);
        NS_TEST_EXPECT_MSG_EQ(executed, g_configuration + 2, "the command at 20 s never ran");
        NS_TEST_EXPECT_MSG_EQ(checker.GetCommandsChecked(), g_configuration + 3, "none again");
        NS_TEST_EXPECT_MSG_EQ(r.events.size(), 2, "two timed commands ran");
        NS_TEST_EXPECT_MSG_EQ(r.pseudowires.size(), 2, "one device per create");
        NS_TEST_ASSERT_MSG_EQ(r.pings.size(), 1, "one ping line");
        NS_TEST_EXPECT_MSG_EQ(r.pings[0].sequence, "!!!.!!", "l2tp0 down from 3.5 s to 4.5 s");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The executor carries out the checked actions: with every command's words replaced
 * after the check, the run is the same.
 */
class LabWordsReadOnceTestCase : public TestCase
{
  public:
    LabWordsReadOnceTestCase()
        : TestCase("the run does not read a command's words again")
    {
    }

  private:
    void DoRun() override
    {
        lab::Script script;
        script.file = "words.lab";
        lab::Parse(g_lab, script);
        lab::Checker checker(script);
        lab::Plan plan = checker.Check();
        for (auto& c : script.commands)
        {
            c.args = {"refused-if-read"};
        }
        uint64_t executed = 0;
        L2tpv3Lab::Results r = RunPlan(script, plan, 8, executed);
        NS_TEST_EXPECT_MSG_EQ(executed, g_configuration, "every command ran");
        NS_TEST_ASSERT_MSG_EQ(r.pings.size(), 1, "one ping line");
        NS_TEST_EXPECT_MSG_EQ(r.pings[0].sequence, "!!!!!!", "the manual's lab as configured");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A refused command does not stop the check: every command is read once, so that
 * every bad line is named.
 */
class LabRefusedOnceTestCase : public TestCase
{
  public:
    LabRefusedOnceTestCase()
        : TestCase("a refused lab: every command checked once, every bad line named")
    {
    }

  private:
    void DoRun() override
    {
        lab::Script script;
        script.file = "bad.lab";
        lab::Parse(g_lab + "A: ifconfig l2tp9 up\nB: ifconfig l2tp0 session 0 1\n", script);
        lab::Checker checker(script);
        bool refused = false;
        try
        {
            checker.Check();
        }
        catch (const L2tpv3LabError& e)
        {
            refused = true;
            NS_TEST_EXPECT_MSG_EQ(e.GetItems().size(), 2, "both bad lines");
        }
        NS_TEST_EXPECT_MSG_EQ(refused, true, "the lab is refused");
        NS_TEST_EXPECT_MSG_EQ(checker.GetCommandsChecked(), g_configuration + 2, "each once");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The lab's stages: parser, checker, executor.
 */
class L2tpv3LabPipelineTestSuite : public TestSuite
{
  public:
    L2tpv3LabPipelineTestSuite()
        : TestSuite("l2tp-lab-pipeline")
    {
        AddTestCase(new LabOnceTestCase);
        AddTestCase(new LabWordsReadOnceTestCase);
        AddTestCase(new LabRefusedOnceTestCase);
    }
};

/** The suite's one instance. */
static L2tpv3LabPipelineTestSuite g_l2tpv3LabPipelineTestSuite;

} // namespace
