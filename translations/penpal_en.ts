<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>JobError</name>
    <message numerus="yes">
        <location filename="../app/net/JobError.cpp" line="91"/>
        <source>The server did not answer within %n second(s).</source>
        <translation>
            <numerusform>The server did not answer within %n second.</numerusform>
            <numerusform>The server did not answer within %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/net/JobError.cpp" line="105"/>
        <source>Rate limited by the server; try again in %n second(s).</source>
        <translation>
            <numerusform>Rate limited by the server; try again in %n second.</numerusform>
            <numerusform>Rate limited by the server; try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/net/JobError.cpp" line="130"/>
        <source>The reply stopped: no data for %n second(s).</source>
        <translation>
            <numerusform>The reply stopped: no data for %n second.</numerusform>
            <numerusform>The reply stopped: no data for %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageLayout</name>
    <message numerus="yes">
        <location filename="../ui/MessageLayout.cpp" line="103"/>
        <source>%n earlier message(s) were not sent with this request (context limit).</source>
        <translation>
            <numerusform>%n earlier message was not sent with this request (context limit).</numerusform>
            <numerusform>%n earlier messages were not sent with this request (context limit).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>penpal::MessageListModel</name>
    <message numerus="yes">
        <location filename="../app/model/MessageListModel.cpp" line="61"/>
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n token</numerusform>
            <numerusform>%n tokens</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>penpal::ProfileEditor</name>
    <message numerus="yes">
        <location filename="../ui/ProfileEditor.cpp" line="228"/>
        <source>Connected: %n model(s) available.</source>
        <translation>
            <numerusform>Connected: %n model available.</numerusform>
            <numerusform>Connected: %n models available.</numerusform>
        </translation>
    </message>
</context>
</TS>
