/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef L2TPV3_FSM_H
#define L2TPV3_FSM_H

#include <initializer_list>
#include <vector>

namespace ns3
{

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
        for (const Row& row : *m_table)
        {
            if (row.event != event || !Contains(row.from, m_state))
            {
                continue;
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
