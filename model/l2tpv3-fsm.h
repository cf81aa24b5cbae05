/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_FSM_H
#define L2TPV3_FSM_H

#include <cstddef>
#include <initializer_list>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief One (state, event) pair of a state table: a row names one or more states, and
 * each is a pair of its own (what a table-row coverage report counts).
 */
struct L2tpv3FsmRowInfo
{
    const void* table{nullptr}; //!< the table (identifies it among the tables)
    std::size_t row{0};         //!< the row's index in its table
    int state{0};               //!< the state (the enum's value)
    int event{0};               //!< the event (the enum's value)
    int to{0};                  //!< the next state (the enum's value)
};

/**
 * \ingroup l2tp
 * \brief A test-only observer of every state machine: told of each row as it fires.
 *
 * Null (the default) costs one test per event. The fuzzer (utils/fuzz-l2tp-fsm.cc) sets it
 * to report which rows of the RFC 3931 §7.2 and §7.3 tables its inputs reach.
 */
struct L2tpv3FsmObserver
{
    /// Called with the table, the row's index and the state the row fired in.
    typedef void (*RowFired)(const void* table, std::size_t row, int state);
    static inline RowFired rowFired = nullptr; //!< the observer (nullptr: none)
};

/**
 * \ingroup l2tp
 * \brief A state machine given as a table, one row per (state, event) as RFC 3931 §7 writes them.
 *
 * Each row names the states it applies in, the event, the action (a member
 * function of the owner, or none) and the next state. Handle() takes the
 * first row that matches the current state and the event, enters the next
 * state, then runs the action (which may itself raise further events). An
 * event no row accepts changes nothing and Handle() says false: the owner
 * counts it as a protocol error; it is never silently ignored.
 *
 * \tparam Owner the class whose member functions are the actions
 * \tparam State an enum of states
 * \tparam Event an enum of events
 * \tparam Arg what an action receives (e.g. the message that raised the event)
 */
template <typename Owner, typename State, typename Event, typename Arg>
class L2tpv3Fsm
{
  public:
    /// An action: a member function of the owner.
    typedef void (Owner::*Action)(Arg);

    /// One row of the table.
    struct Row
    {
        std::vector<State> from; //!< the states the row applies in
        Event event;             //!< the event
        Action action;           //!< what to do (nullptr: nothing)
        State to;                //!< the next state
    };

    /**
     * \param owner the object whose actions run
     * \param table the rows (kept by reference: a static table)
     * \param initial the first state
     */
    L2tpv3Fsm(Owner* owner, const std::vector<Row>& table, State initial)
        : m_owner(owner),
          m_table(&table),
          m_state(initial)
    {
    }

    /**
     * \brief Handle an event.
     * \param event the event
     * \param arg passed to the action
     * \return false if no row accepts the event in the current state
     */
    bool Handle(Event event, Arg arg)
    {
        for (std::size_t i = 0; i < m_table->size(); ++i)
        {
            const Row& row = (*m_table)[i];
            if (row.event != event || !Contains(row.from, m_state))
            {
                continue;
            }
            if (L2tpv3FsmObserver::rowFired)
            {
                L2tpv3FsmObserver::rowFired(m_table, i, static_cast<int>(m_state));
            }
            m_state = row.to;
            if (row.action)
            {
                (m_owner->*row.action)(arg);
            }
            return true;
        }
        return false;
    }

    /**
     * \param event an event
     * \return true if a row accepts it in the current state
     */
    bool Accepts(Event event) const
    {
        for (const Row& row : *m_table)
        {
            if (row.event == event && Contains(row.from, m_state))
            {
                return true;
            }
        }
        return false;
    }

    /** \return the current state */
    State GetState() const
    {
        return m_state;
    }

    /** \param state a state to enter without an event (a reset; no action runs) */
    void Reset(State state)
    {
        m_state = state;
    }

    /**
     * \param table a table
     * \return its (state, event) pairs in table order, one per state each row names
     */
    static std::vector<L2tpv3FsmRowInfo> Describe(const std::vector<Row>& table)
    {
        std::vector<L2tpv3FsmRowInfo> pairs;
        for (std::size_t i = 0; i < table.size(); ++i)
        {
            for (State s : table[i].from)
            {
                pairs.push_back({&table,
                                 i,
                                 static_cast<int>(s),
                                 static_cast<int>(table[i].event),
                                 static_cast<int>(table[i].to)});
            }
        }
        return pairs;
    }

  private:
    /**
     * \param states some states
     * \param state a state
     * \return true if \p state is among \p states
     */
    static bool Contains(const std::vector<State>& states, State state)
    {
        for (State s : states)
        {
            if (s == state)
            {
                return true;
            }
        }
        return false;
    }

    Owner* m_owner;                  //!< whose actions run
    const std::vector<Row>* m_table; //!< the rows
    State m_state;                   //!< the current state
};

} // namespace ns3

#endif /* L2TPV3_FSM_H */
