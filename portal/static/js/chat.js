/* Jobvej chat widget. Plain JavaScript, no framework, no external resources.
 * Talks only to the portal: POST /api/v1/assistant/messages, POST .../leave-message,
 * GET /api/v1/handoff-cases/<id>/replies. Keyboard: the toggle opens the panel and moves
 * focus to the input; Escape closes and returns focus to the toggle. New messages are
 * announced through the log's aria-live="polite" region. The conversation survives page
 * changes in this tab (sessionStorage) and is never sent anywhere but the portal. */
(function () {
  "use strict";

  var root = document.getElementById("jobvej-chat");
  if (!root || !window.fetch) { return; }

  var texts = JSON.parse(document.getElementById("jobvej-chat-texts").textContent);
  var lang = root.getAttribute("data-lang");
  var urls = {
    messages: root.getAttribute("data-messages-url"),
    leave: root.getAttribute("data-leave-url"),
    replies: root.getAttribute("data-replies-url")
  };
  var toggle = document.getElementById("jobvej-chat-toggle");
  var panel = document.getElementById("jobvej-chat-panel");
  var closeButton = document.getElementById("jobvej-chat-close");
  var log = document.getElementById("jobvej-chat-log");
  var form = document.getElementById("jobvej-chat-form");
  var input = document.getElementById("jobvej-chat-input");
  var leaveToggle = document.getElementById("jobvej-chat-leave-toggle");
  var leaveForm = document.getElementById("jobvej-chat-leave");
  var STORE = "jobvej-chat-v1:" + (root.getAttribute("data-user") || "anonymous");
  var POLL_MS = 20000;
  var REQUEST_MS = 15000;
  var busy = false;
  var pollTimer = null;

  var state = load();

  function load() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(STORE) || "null");
      if (saved && typeof saved === "object") { return saved; }
    } catch (e) { /* storage unavailable or corrupt: start fresh */ }
    return { sessionId: null, open: false, log: [], cases: [], seen: [] };
  }

  function save() {
    try {
      state.log = state.log.slice(-60);
      window.sessionStorage.setItem(STORE, JSON.stringify(state));
    } catch (e) { /* private mode: the chat still works on this page */ }
  }

  // --- rendering -------------------------------------------------------------------

  function render(entry) {
    var item = document.createElement("div");
    item.className = "jobvej-chat-msg jobvej-chat-msg-" + entry.who;
    var who = document.createElement("span");
    who.className = "jobvej-chat-who";
    who.textContent = entry.who === "user" ? texts.you : entry.who === "staff" ? texts.staff_reply : texts.assistant;
    item.appendChild(who);
    item.appendChild(document.createTextNode(" "));
    var text = document.createElement("span");
    text.className = "jobvej-chat-text";
    text.textContent = entry.text || "";
    item.appendChild(text);
    if (entry.link && entry.linkText) {
      // Always a titled link ("Læs mere: <article title>"), never the raw URL.
      var link = document.createElement("a");
      link.href = entry.link;
      link.textContent = entry.linkText;
      link.className = "jobvej-chat-link";
      item.appendChild(document.createElement("br"));
      item.appendChild(link);
    }
    if (entry.buttons && entry.buttons.length) {
      var list = document.createElement("ul");
      list.className = "jobvej-chat-buttons";
      entry.buttons.forEach(function (b, index) {
        var li = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = b.title;
        if (entry.answered) {
          button.disabled = true;
          if (entry.answered === index + 1) { button.className = "jobvej-chat-pressed"; }
        }
        button.addEventListener("click", function () {
          if (busy) { return; }
          // An answered question's buttons are done: disable them, mark the one pressed,
          // and send its payload while the transcript keeps its title.
          entry.answered = index + 1;
          Array.prototype.forEach.call(list.querySelectorAll("button"), function (other) {
            other.disabled = true;
          });
          button.className = "jobvej-chat-pressed";
          save();
          send(b.payload, b.title);
        });
        li.appendChild(button);
        list.appendChild(li);
      });
      item.appendChild(list);
    }
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    return item;
  }

  // Scroll the log so that the first line of `item` is at the top of the visible area
  // (a long answer is read from its start, not from its end).
  // Once more when the web fonts have loaded: Arabic or Ethiopic lines can grow taller
  // when their font arrives and push the answer down.
  function showStart(item) {
    var go = function () { log.scrollTop = Math.max(0, item.offsetTop - log.offsetTop - 8); };
    go();
    if (document.fonts && document.fonts.ready) { document.fonts.ready.then(go); }
  }

  function add(entry) {
    state.log.push(entry);
    save();
    return render(entry);
  }

  // --- open / close ----------------------------------------------------------------

  function setOpen(open, focus) {
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    root.classList.toggle("jobvej-chat-is-open", open);
    state.open = open;
    save();
    if (open && focus) { input.focus(); }
    if (!open && focus) { toggle.focus(); }
  }

  toggle.setAttribute("role", "button");
  toggle.setAttribute("aria-expanded", "false");
  toggle.addEventListener("click", function (event) {
    event.preventDefault();
    setOpen(panel.hidden, true);
  });
  toggle.addEventListener("keydown", function (event) {
    if (event.key === " " || event.key === "Spacebar") { event.preventDefault(); setOpen(panel.hidden, true); }
  });
  closeButton.addEventListener("click", function () { setOpen(false, true); });
  root.addEventListener("keydown", function (event) {
    if ((event.key === "Escape" || event.key === "Esc") && !panel.hidden) {
      event.preventDefault();
      setOpen(false, true);
    }
  });

  // --- talking to the portal -------------------------------------------------------

  function request(method, url, body) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? window.setTimeout(function () { controller.abort(); }, REQUEST_MS) : null;
    var options = {
      method: method,
      credentials: "same-origin",
      headers: { "Accept": "application/json" },
      signal: controller ? controller.signal : undefined
    };
    if (body) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return window.fetch(url, options).then(function (response) {
      if (timer) { window.clearTimeout(timer); }
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data };
      });
    }, function (error) {
      if (timer) { window.clearTimeout(timer); }
      throw error;
    });
  }

  function trackCase(caseId) {
    if (caseId && state.cases.indexOf(caseId) === -1) {
      state.cases.push(caseId);
      save();
    }
    schedulePoll(1000);
  }

  function showLeaveForm(focus) {
    leaveForm.hidden = false;
    leaveToggle.setAttribute("aria-expanded", "true");
    if (focus) { document.getElementById("jobvej-chat-leave-title").focus(); } else if (leaveForm.scrollIntoView) {
      leaveForm.scrollIntoView({ block: "nearest" });
    }
  }

  function send(text, shown) {
    if (busy || !text) { return; }
    busy = true;
    var pressed = Boolean(shown);
    add({ who: "user", text: shown || text });
    var thinking = render({ who: "bot", text: texts.thinking });
    thinking.classList.add("jobvej-chat-thinking");
    var body = { text: text, language: lang, session_id: state.sessionId };
    if (shown) { body.shown = shown; }
    request("POST", urls.messages, body)
      .then(function (result) {
        thinking.remove();
        if (result.status === 429) { add({ who: "bot", text: texts.rate_limited }); return; }
        if (result.status !== 200) { add({ who: "bot", text: texts.error_generic }); return; }
        state.sessionId = result.data.session_id;
        var first = null;
        var withButtons = null;
        (result.data.messages || []).forEach(function (m) {
          var item = add({ who: "bot", text: m.text, buttons: m.buttons, link: m.link, linkText: m.link_text });
          first = first || item;
          if (m.buttons && m.buttons.length) { withButtons = item; }
        });
        if (first) { showStart(first); }
        if (result.data.handoff_case_id) { trackCase(result.data.handoff_case_id); }
        if (result.data.offer_leave_message) { showLeaveForm(false); }
        save();
        // After a button press focus goes on: to the new answer's first button, or to the
        // text field (never left on the old, now disabled, button).
        if (pressed) {
          var next = withButtons && withButtons.querySelector("button:not([disabled])");
          (next || input).focus();
        }
      }, function () {
        thinking.remove();
        add({ who: "bot", text: texts.unavailable });
        showLeaveForm(false);
        if (pressed) { input.focus(); }
      })
      .then(function () { busy = false; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    input.value = "";
    send(text);
    input.focus();
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });

  // --- leave a message ---------------------------------------------------------------

  leaveToggle.addEventListener("click", function () {
    if (leaveForm.hidden) { showLeaveForm(true); } else {
      leaveForm.hidden = true;
      leaveToggle.setAttribute("aria-expanded", "false");
    }
  });

  function fieldError(name, message) {
    var error = document.getElementById("jobvej-chat-leave-" + name + "-error");
    var control = document.getElementById("jobvej-chat-leave-" + name);
    error.textContent = message || "";
    error.hidden = !message;
    if (message) { control.setAttribute("aria-invalid", "true"); } else { control.removeAttribute("aria-invalid"); }
  }

  leaveForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var values = {
      name: leaveForm.elements.name.value.trim(),
      contact: leaveForm.elements.contact.value.trim(),
      message: leaveForm.elements.message.value.trim(),
      consent: leaveForm.elements.consent.checked
    };
    ["name", "contact", "message", "consent"].forEach(function (n) { fieldError(n, ""); });
    request("POST", urls.leave, {
      name: values.name, contact: values.contact, message: values.message,
      consent: values.consent, language: lang, session_id: state.sessionId
    }).then(function (result) {
      if (result.status === 201) {
        leaveForm.reset();
        leaveForm.hidden = true;
        leaveToggle.setAttribute("aria-expanded", "false");
        if (result.data.session_id) { state.sessionId = result.data.session_id; }
        add({ who: "user", text: values.message });
        add({ who: "bot", text: texts.message_sent + " " + (result.data.reply_expected || "") });
        trackCase(result.data.case_id);
        input.focus();
        return;
      }
      if (result.status === 422 && result.data.messages) {
        var first = null;
        ["name", "contact", "message", "consent"].forEach(function (n) {
          if (result.data.messages[n]) {
            fieldError(n, result.data.messages[n]);
            first = first || document.getElementById("jobvej-chat-leave-" + n);
          }
        });
        if (first) { first.focus(); return; }
      }
      add({ who: "bot", text: result.status === 429 ? texts.rate_limited : texts.error_generic });
    }, function () {
      add({ who: "bot", text: texts.error_generic });
    });
  });

  // --- replies from caseworkers ------------------------------------------------------

  function schedulePoll(delay) {
    if (pollTimer) { window.clearTimeout(pollTimer); }
    if (!state.cases.length || !state.sessionId) { return; }
    pollTimer = window.setTimeout(poll, delay);
  }

  function poll() {
    var pending = state.cases.map(function (caseId) {
      var url = urls.replies.replace("/0/", "/" + encodeURIComponent(caseId) + "/") +
        "?session_id=" + encodeURIComponent(state.sessionId);
      return request("GET", url).then(function (result) {
        if (result.status === 404) {
          state.cases = state.cases.filter(function (id) { return id !== caseId; });
          return;
        }
        (result.data.replies || []).forEach(function (reply) {
          if (state.seen.indexOf(reply.id) === -1) {
            state.seen.push(reply.id);
            add({ who: "staff", text: reply.text });
            if (panel.hidden) { toggle.classList.add("jobvej-chat-has-news"); }
          }
        });
      }, function () { /* network hiccup: try again next time */ });
    });
    Promise.all(pending).then(function () { save(); schedulePoll(POLL_MS); });
  }

  // --- start ---------------------------------------------------------------------------

  state.log.forEach(render);
  if (state.open) { setOpen(true, false); }
  toggle.addEventListener("click", function () { toggle.classList.remove("jobvej-chat-has-news"); });
  schedulePoll(1000);
})();
