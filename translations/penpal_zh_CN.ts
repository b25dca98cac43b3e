<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>JobError</name>
    <message>
        <location filename="../app/net/JobError.cpp" line="64"/>
        <source>Server message: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="82"/>
        <source>The connection to the server was lost before the reply finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="84"/>
        <source>Could not reach the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="86"/>
        <source>The server name could not be resolved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="88"/>
        <source>A secure connection could not be established (TLS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/net/JobError.cpp" line="91"/>
        <source>The server did not answer within %n second(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="93"/>
        <source>The server did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="96"/>
        <source>The API key was rejected or lacks access (HTTP 403).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="98"/>
        <source>The API key was rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="101"/>
        <source>The model or URL was not found: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="102"/>
        <source>The model or URL was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/net/JobError.cpp" line="105"/>
        <source>Rate limited by the server; try again in %n second(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="108"/>
        <source>Rate limited by the server; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="110"/>
        <source>The server had an error (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="114"/>
        <source>The server refused the request (HTTP %1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="117"/>
        <source>The server refused the request (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="121"/>
        <source>The server&apos;s reply was not understood (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="123"/>
        <source>The server&apos;s reply was not understood.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="125"/>
        <source>The server reported an error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="126"/>
        <source>no details given</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/net/JobError.cpp" line="130"/>
        <source>The reply stopped: no data for %n second(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="132"/>
        <source>The reply stopped: no data arrived for too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="134"/>
        <source>The reply was cut off before it finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="136"/>
        <source>The server sent a line too long to handle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="138"/>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/JobError.cpp" line="140"/>
        <source>Unknown error.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageFormat</name>
    <message>
        <location filename="../app/model/MessageFormat.cpp" line="50"/>
        <source>%1 prompt + %2 completion tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/model/MessageFormat.cpp" line="53"/>
        <source>%1 completion tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/model/MessageFormat.cpp" line="55"/>
        <source>first token %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/model/MessageFormat.cpp" line="58"/>
        <source>%1 tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageLayout</name>
    <message>
        <location filename="../ui/MessageLayout.cpp" line="25"/>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MessageLayout.cpp" line="27"/>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MessageLayout.cpp" line="29"/>
        <source>Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MessageLayout.cpp" line="39"/>
        <source>Writing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MessageLayout.cpp" line="42"/>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MessageLayout.cpp" line="47"/>
        <source>Interrupted: Penpal was closed while this was being written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MessageLayout.cpp" line="48"/>
        <source>Interrupted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MessageLayout.cpp" line="52"/>
        <source>Cut off at the length limit. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MessageLayout.cpp" line="103"/>
        <source>%n earlier message(s) were not sent with this request (context limit).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/MessageLayout.cpp" line="134"/>
        <location filename="../ui/MessageLayout.cpp" line="177"/>
        <location filename="../ui/MessageLayout.cpp" line="302"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MessageLayout.cpp" line="179"/>
        <source>Copy Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MessageLayout.cpp" line="181"/>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MessageLayout.cpp" line="183"/>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MessageLayout.cpp" line="185"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MessageLayout.cpp" line="187"/>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpenAiStreamDecoder</name>
    <message>
        <location filename="../app/net/OpenAiStreamDecoder.cpp" line="39"/>
        <source>Malformed JSON in the stream: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/OpenAiStreamDecoder.cpp" line="47"/>
        <source>The server reported an error without details.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProviderPresets</name>
    <message>
        <location filename="../app/net/ProviderPresets.cpp" line="13"/>
        <source>Ollama (this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/ProviderPresets.cpp" line="16"/>
        <source>LM Studio (this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/ProviderPresets.cpp" line="19"/>
        <source>llama.cpp server (this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/ProviderPresets.cpp" line="21"/>
        <source>vLLM (this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/net/ProviderPresets.cpp" line="28"/>
        <source>Custom OpenAI-compatible URL</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/KeychainFallback.cpp" line="13"/>
        <source>API key not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeychainFallback.cpp" line="14"/>
        <source>%1

Penpal never writes API keys to a file. You can use the key for this session only; you will be asked again after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeychainFallback.cpp" line="19"/>
        <source>Use for This Session</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SamplingFields</name>
    <message>
        <location filename="../ui/SamplingFields.cpp" line="53"/>
        <source>Server default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SamplingFields.cpp" line="53"/>
        <source>Profile default (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <location filename="../app/secrets/SecretStore.cpp" line="29"/>
        <source>Access to the system keychain was denied (it may be locked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/secrets/SecretStore.cpp" line="32"/>
        <source>The system keychain refused to remove the entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/secrets/SecretStore.cpp" line="34"/>
        <source>The system keychain is not supported on this platform.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/secrets/SecretStore.cpp" line="39"/>
        <source>The system keychain is not available (no Secret Service is running).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/secrets/SecretStore.cpp" line="158"/>
        <source>Your API key could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/secrets/SecretStore.cpp" line="161"/>
        <source>Your API key was not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/secrets/SecretStore.cpp" line="165"/>
        <source>Your API key could not be removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="31"/>
        <source>A native desktop assistant for large language models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="36"/>
        <source>Keep all data and settings in &lt;dir&gt; (portable mode).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="43"/>
        <source>Penpal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="44"/>
        <source>Your conversations could not be opened.

%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>penpal::AppContext</name>
    <message>
        <location filename="../app/chat/AppContext.cpp" line="75"/>
        <source>The data folder %1 could not be created.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>penpal::ChatController</name>
    <message>
        <location filename="../app/chat/ChatController.cpp" line="103"/>
        <location filename="../app/chat/ChatController.cpp" line="160"/>
        <location filename="../app/chat/ChatController.cpp" line="176"/>
        <source>Wait for the current reply to finish or stop it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/ChatController.cpp" line="116"/>
        <source>The conversation could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/ChatController.cpp" line="128"/>
        <location filename="../app/chat/ChatController.cpp" line="185"/>
        <source>Your message could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/ChatController.cpp" line="148"/>
        <location filename="../app/chat/ChatController.cpp" line="212"/>
        <source>The reply could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/ChatController.cpp" line="231"/>
        <source>The message could not be deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/ChatController.cpp" line="271"/>
        <source>No provider is set up. Add one in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/ChatController.cpp" line="286"/>
        <source>%1 The request is sent without an API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/ChatController.cpp" line="302"/>
        <source>The provider kind &quot;%1&quot; is not supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/chat/ChatController.cpp" line="407"/>
        <source>you stopped it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>penpal::ChatPane</name>
    <message>
        <location filename="../ui/ChatPane.cpp" line="27"/>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatPane.cpp" line="28"/>
        <source>Details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatPane.cpp" line="152"/>
        <source>This link was not opened: only web and e-mail links open from replies (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatPane.cpp" line="159"/>
        <source>Open link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatPane.cpp" line="160"/>
        <source>The link “%1” leads to:

%2

Open it in your browser?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatPane.cpp" line="164"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatPane.cpp" line="184"/>
        <source>Editing a message: Enter sends it as a new branch, Esc cancels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatPane.cpp" line="214"/>
        <source>Delete message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatPane.cpp" line="215"/>
        <source>Delete this message and every reply that follows from it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatPane.cpp" line="218"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatPane.cpp" line="242"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatPane.cpp" line="242"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatPane.cpp" line="243"/>
        <source>Stop the reply (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatPane.cpp" line="243"/>
        <source>Send (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatPane.cpp" line="256"/>
        <source>The reply failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatPane.cpp" line="258"/>
        <source>The reply did not finish: Penpal was closed while it was being written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatPane.cpp" line="259"/>
        <source>The reply was interrupted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatPane.cpp" line="270"/>
        <source>Reply error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>penpal::ChatView</name>
    <message>
        <location filename="../ui/ChatView.cpp" line="32"/>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatView.cpp" line="42"/>
        <source>Jump to latest ↓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatView.cpp" line="43"/>
        <source>Scroll to the newest message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatView.cpp" line="620"/>
        <source>Copy Selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatView.cpp" line="626"/>
        <source>Copy Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChatView.cpp" line="627"/>
        <source>Copy as Markdown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>penpal::ConversationListModel</name>
    <message>
        <location filename="../app/model/ConversationListModel.cpp" line="39"/>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>penpal::ConversationSettingsDialog</name>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="43"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="47"/>
        <source>Send &amp;all history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="48"/>
        <source>Only the &amp;last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="50"/>
        <source>At m&amp;ost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="55"/>
        <source>Conversation Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="63"/>
        <source>Ask the server which models it offers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="69"/>
        <source>Optional instructions sent before the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="78"/>
        <source> messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="79"/>
        <source>Number of messages sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="84"/>
        <source> tokens of history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="85"/>
        <source>Tokens of history sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="95"/>
        <source>T&amp;itle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="97"/>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="101"/>
        <source>&amp;System prompt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="102"/>
        <source>&amp;Temperature:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="103"/>
        <source>To&amp;p P:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="104"/>
        <source>Ma&amp;x tokens:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="106"/>
        <source>History sent with each request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="114"/>
        <source>The oldest messages are left out first; the new message and the system prompt are always sent. Tokens are estimated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="174"/>
        <source>Profile default (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="220"/>
        <source>This conversation no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="230"/>
        <source>The settings could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="251"/>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="270"/>
        <source>This kind of provider cannot list its models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConversationSettingsDialog.cpp" line="279"/>
        <source>Models offered by the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>penpal::ImagePlaceholder</name>
    <message>
        <location filename="../app/render/ImagePlaceholder.cpp" line="35"/>
        <source>Image from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/render/ImagePlaceholder.cpp" line="37"/>
        <source>Image: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/render/ImagePlaceholder.cpp" line="38"/>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>penpal::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="32"/>
        <source>Penpal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="90"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="91"/>
        <source>&amp;New Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="94"/>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="99"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="102"/>
        <source>&amp;Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="103"/>
        <source>&amp;Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="105"/>
        <source>&amp;Pin or Unpin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="106"/>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="107"/>
        <source>C&amp;onversation Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="121"/>
        <source>&amp;Stop Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="124"/>
        <source>Re&amp;try Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="126"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="127"/>
        <source>&amp;About Penpal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="129"/>
        <source>About Penpal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="130"/>
        <source>&lt;h3&gt;Penpal %1&lt;/h3&gt;&lt;p&gt;A fast, private desktop assistant for large language models.&lt;/p&gt;&lt;p&gt;No telemetry: Penpal talks only to the servers you configure.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>penpal::MessageListModel</name>
    <message numerus="yes">
        <location filename="../app/model/MessageListModel.cpp" line="61"/>
        <source>%n token(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/model/MessageListModel.cpp" line="63"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>penpal::ProfileEditor</name>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="28"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="33"/>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="46"/>
        <location filename="../ui/ProfileEditor.cpp" line="137"/>
        <location filename="../ui/ProfileEditor.cpp" line="150"/>
        <source>Stored in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="51"/>
        <source>Ask the server which models it offers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="54"/>
        <source>Optional instructions sent at the start of every new chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="58"/>
        <location filename="../ui/ProfileEditor.cpp" line="61"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="75"/>
        <source>&amp;Preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="76"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="77"/>
        <source>&amp;Base URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="78"/>
        <source>API &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="80"/>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="83"/>
        <source>&amp;Temperature:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="84"/>
        <source>To&amp;p P:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="85"/>
        <source>Max &amp;tokens:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="86"/>
        <source>&amp;System prompt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="87"/>
        <source>&amp;Connect timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="88"/>
        <source>&amp;Idle timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="138"/>
        <source>Not needed for this server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="168"/>
        <source>A key is stored in the keychain; type to replace it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="170"/>
        <source>The keychain is not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="210"/>
        <source>Enter a base URL such as http://localhost:11434/v1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ProfileEditor.cpp" line="220"/>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ProfileEditor.cpp" line="228"/>
        <source>Connected: %n model(s) available.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>penpal::PromptEditor</name>
    <message>
        <location filename="../ui/PromptEditor.cpp" line="11"/>
        <source>Message the model… (Enter to send, Shift+Enter for a new line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PromptEditor.cpp" line="12"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>penpal::SettingsDialog</name>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="25"/>
        <location filename="../ui/SettingsDialog.cpp" line="145"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="27"/>
        <source>Provider profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="30"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="32"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="90"/>
        <location filename="../ui/SettingsDialog.cpp" line="97"/>
        <source>New profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="109"/>
        <location filename="../ui/SettingsDialog.cpp" line="120"/>
        <source>Remove profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="110"/>
        <source>Remove the profile “%1” and its stored API key?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="121"/>
        <source>The profile was removed, but its API key could not be removed from the system keychain.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="146"/>
        <source>Enter a valid base URL, such as http://localhost:11434/v1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>penpal::SetupPage</name>
    <message>
        <location filename="../ui/SetupPage.cpp" line="20"/>
        <source>Start chatting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SetupPage.cpp" line="23"/>
        <source>&lt;h2&gt;Welcome to Penpal&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SetupPage.cpp" line="24"/>
        <source>Choose where your model runs. OpenAI and other hosted services need an API key, which Penpal keeps in your system keychain. A server on this computer, such as Ollama, needs none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SetupPage.cpp" line="63"/>
        <source>Enter a valid base URL, such as http://localhost:11434/v1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>penpal::Sidebar</name>
    <message>
        <location filename="../ui/Sidebar.cpp" line="21"/>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/Sidebar.cpp" line="26"/>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/Sidebar.cpp" line="28"/>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/Sidebar.cpp" line="58"/>
        <location filename="../ui/Sidebar.cpp" line="117"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/Sidebar.cpp" line="114"/>
        <location filename="../ui/Sidebar.cpp" line="128"/>
        <source>Delete conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/Sidebar.cpp" line="115"/>
        <source>Delete “%1” and all its messages? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/Sidebar.cpp" line="129"/>
        <source>The conversation could not be deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/Sidebar.cpp" line="140"/>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/Sidebar.cpp" line="141"/>
        <source>Unpin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/Sidebar.cpp" line="141"/>
        <source>Pin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/Sidebar.cpp" line="143"/>
        <source>Conversation Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/Sidebar.cpp" line="147"/>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
